/**
 * Finds the config file a run came from. The engine records it (run.json and
 * summary.json `configPath`); runs from before that are matched by name among the
 * workspace's *.distq.json files, and the user picks when several share the name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import { configName } from './layers/excludeEdit.ts';
import { recordedConfigPath, runNameOf, type RunFolderContents } from '../runHistory/runFolderReader.ts';

const RUN_FILES_BESIDE_COPY = [RUN_FOLDER_FILES.runInfo, RUN_FOLDER_FILES.summary, RUN_FOLDER_FILES.metrics, RUN_FOLDER_FILES.baseline];

/** A run folder's own copy (config.distq.json beside metrics or a summary) is not a source config. */
function isRunFolderCopy(file: string): boolean {
  const folder = path.dirname(file);
  return path.basename(file) === RUN_FOLDER_FILES.config && RUN_FILES_BESIDE_COPY.some((f) => fs.existsSync(path.join(folder, f)));
}

export async function findSourceConfig(contents: RunFolderContents): Promise<vscode.Uri | undefined> {
  const recorded = recordedConfigPath(contents.folder);
  if (recorded !== undefined && fs.existsSync(recorded)) return vscode.Uri.file(recorded);
  const name = configName(contents.configText) ?? runNameOf(contents);
  const files = await vscode.workspace.findFiles('**/*.distq.json', '**/node_modules/**');
  const candidates: vscode.Uri[] = [];
  for (const uri of files) {
    if (isRunFolderCopy(uri.fsPath)) continue;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (configName(text) === name) candidates.push(uri);
  }
  if (candidates.length <= 1) {
    if (candidates.length === 0) void vscode.window.showWarningMessage(`DistQ: no *.distq.json in this workspace is named '${name}', the config run ${path.basename(contents.folder)} came from.`);
    return candidates[0];
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: `Several configs are named '${name}': which one did this run come from?` },
  );
  return picked?.uri;
}
