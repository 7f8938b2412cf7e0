/** The files of one kind (`.onnx`, `.npz`, `.npy`) under a config's folder, as the config writes them. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { relativeToConfig } from './filePathSlots.ts';

const MAX_FILES = 200;

/** Relative to the config's folder, `/`-separated, sorted; run folders and node_modules left out. */
export async function filesBesideConfig(config: vscode.Uri, extension: string, token?: vscode.CancellationToken): Promise<string[]> {
  const folder = path.dirname(config.fsPath);
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/*${extension}`), '**/{node_modules,runs}/**', MAX_FILES, token);
  return relativeToConfig(folder, uris.map((uri) => uri.fsPath), path.relative);
}
