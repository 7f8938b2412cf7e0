/** "Go to Problem" on a failed run: opens its config with the setting the engine blamed selected. */
import * as vscode from 'vscode';
import type { SettingPath } from '../../contracts/configSettingPath.ts';
import { parseConfigTree, settingValueRange } from '../configAuthoring/configTree.ts';

/** Opens the config at the setting's value (its nearest enclosing setting when the file lacks it; the top otherwise). */
export async function revealConfigSetting(configPath: string, setting: SettingPath): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(configPath));
  const range = settingValueRange(parseConfigTree(document.getText()), setting);
  const selection = range && new vscode.Selection(document.positionAt(range.offset), document.positionAt(range.offset + range.length));
  const editor = await vscode.window.showTextDocument(document, selection ? { selection } : {});
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
