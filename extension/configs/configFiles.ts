/** Finding and choosing the workspace's *.distq.json configs. */
import * as vscode from 'vscode';
import { CONFIG_GLOB, isConfigPath, isRunFolderCopy } from './configPaths.ts';

const MAX_CONFIGS = 500;

/** The user's configs (run-folder copies left out), sorted by path. */
export async function findConfigs(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', MAX_CONFIGS);
  return files.filter((uri) => !isRunFolderCopy(uri.fsPath)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** The config in the active editor, if it shows one. */
export function activeConfig(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && isConfigPath(uri.fsPath) ? uri : undefined;
}

/** Asks which config; undefined when there is none or the user cancels. */
export async function pickConfig(placeHolder: string, configs?: readonly vscode.Uri[]): Promise<vscode.Uri | undefined> {
  const candidates = configs ?? (await findConfigs());
  if (candidates.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.uri;
}
