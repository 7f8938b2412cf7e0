/** Opens a file of a run folder in an editor, for the panels' file links. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFileName } from '../../webview/protocol.ts';
import { readRunFolder } from '../runHistory/runFolderReader.ts';
import { findSourceConfig } from './sourceConfig.ts';

export async function openRunFile(runFolder: string, file: RunFileName): Promise<void> {
  const target = file === 'source config' ? await findSourceConfig(await readRunFolder(runFolder), 'open') : { uri: vscode.Uri.file(path.join(runFolder, file)), readOnly: false };
  if (!target) return;
  const { uri } = target;
  if (uri.scheme === 'file' && !fs.existsSync(uri.fsPath)) {
    void vscode.window.showWarningMessage(`DistQ: ${path.basename(uri.fsPath)} does not exist (yet) in ${runFolder}.`);
    return;
  }
  await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.One });
  // The copy records the run; an editor that cannot mark it read-only still shows it.
  if (target.readOnly) await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession').then(undefined, () => undefined);
}
