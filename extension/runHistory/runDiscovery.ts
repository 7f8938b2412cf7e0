/** Finds run folders in the workspace: folders under a `runs/` directory holding a run file. */
import * as vscode from 'vscode';
import { RUN_MARKER_FILES, runFolderOfFile } from './runFolderState.ts';

const RUN_FILES_GLOB = `**/runs/*/{${RUN_MARKER_FILES.join(',')}}`;
const MAX_RUN_FILES = 5000;

/** The `distq.runs.exclude` globs as one glob (findFiles takes one). */
export function excludeGlob(globs: readonly string[]): string | undefined {
  const usable = globs.map((glob) => glob.trim()).filter(Boolean);
  if (usable.length === 0) return undefined;
  return usable.length === 1 ? usable[0] : `{${usable.join(',')}}`;
}

export async function findRunFolders(token?: vscode.CancellationToken): Promise<string[]> {
  const globs = vscode.workspace.getConfiguration('distq').get<string[]>('runs.exclude', ['**/node_modules/**']);
  const files = await vscode.workspace.findFiles(RUN_FILES_GLOB, excludeGlob(globs), MAX_RUN_FILES, token);
  const folders = new Set<string>();
  for (const file of files) {
    const folder = runFolderOfFile(file.fsPath);
    if (folder) folders.add(folder);
  }
  return [...folders];
}
