/**
 * Finds the config file a run came from. The engine records it (run.json and
 * summary.json `configPath`); runs from before that are matched by name among the
 * workspace's *.distq.json files, and the user picks when several share the name.
 * A recorded path outside the workspace (or not a config) is refused: it is not edited,
 * and "open" shows the run folder's own copy read-only instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import { configName } from './layers/excludeEdit.ts';
import { checkRecordedConfig, refusalMessage } from '../configs/recordedConfig.ts';
import { recordedConfigPath, runNameOf, type RunFolderContents } from '../runHistory/runFolderReader.ts';

const RUN_FILES_BESIDE_COPY = [RUN_FOLDER_FILES.runInfo, RUN_FOLDER_FILES.summary, RUN_FOLDER_FILES.metrics, RUN_FOLDER_FILES.baseline];

/** A run folder's own copy (config.distq.json beside metrics or a summary) is not a source config. */
function isRunFolderCopy(file: string): boolean {
  const folder = path.dirname(file);
  return path.basename(file) === RUN_FOLDER_FILES.config && RUN_FILES_BESIDE_COPY.some((f) => fs.existsSync(path.join(folder, f)));
}

/** The config to show or edit; `readOnly` when it is the run folder's copy standing in for a refused one. */
export interface SourceConfig {
  uri: vscode.Uri;
  readOnly: boolean;
}

/** The workspace's folders on disk: the only places a recorded config may be opened or edited. */
export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
}

export async function findSourceConfig(contents: RunFolderContents, purpose: 'edit' | 'open'): Promise<SourceConfig | undefined> {
  const recorded = await recordedConfigPath(contents.folder);
  if (recorded !== undefined) {
    const checked = await checkRecordedConfig(recorded, workspaceFolderPaths());
    if (checked.kind === 'usable') return { uri: vscode.Uri.file(checked.path), readOnly: false };
    if (checked.kind === 'refused') {
      const copy = path.join(contents.folder, RUN_FOLDER_FILES.config);
      const showCopy = purpose === 'open' && fs.existsSync(copy);
      void vscode.window.showWarningMessage(`DistQ: ${refusalMessage(path.basename(contents.folder), checked)}${showCopy ? ` Showing the run's own ${RUN_FOLDER_FILES.config}, read-only.` : ''}`);
      return showCopy ? { uri: vscode.Uri.file(copy), readOnly: true } : undefined;
    }
  }
  const uri = await findByName(contents);
  return uri && { uri, readOnly: false };
}

async function findByName(contents: RunFolderContents): Promise<vscode.Uri | undefined> {
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
