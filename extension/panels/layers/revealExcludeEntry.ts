/**
 * After "Exclude from quantization" edits a config: show the new entry without squeezing the
 * layers panel. A config already visible in another editor group has its entry selected there;
 * otherwise the confirmation offers "Show in config", which opens the config as a tab in the
 * panel's own group (no split), with the entry selected rather than line 1.
 */
import * as vscode from 'vscode';
import type { TextSpan } from './excludeEdit.ts';

const SHOW_IN_CONFIG = 'Show in config';

export async function revealExcludeEntry(document: vscode.TextDocument, entry: TextSpan, node: string, panelColumn: vscode.ViewColumn | undefined): Promise<void> {
  const selection = new vscode.Selection(document.positionAt(entry.offset), document.positionAt(entry.offset + entry.length));
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  if (visible) {
    visible.selection = selection;
    visible.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  const where = vscode.workspace.asRelativePath(document.uri);
  const message = `DistQ: '${node}' stays in float in the next run of ${where} (not saved yet; Undo in the editor reverts it).`;
  const choice = await vscode.window.showInformationMessage(message, ...(visible ? [] : [SHOW_IN_CONFIG]));
  if (choice !== SHOW_IN_CONFIG) return;
  await vscode.window.showTextDocument(document, { viewColumn: panelColumn ?? vscode.ViewColumn.Active, preview: true, selection });
}
