/**
 * Whether the config path a run folder records (run.json / summary.json `configPath`) may be
 * opened or edited. A run folder can come from anyone (a cloned repository, a shared drive), so
 * its word alone must not steer an edit to a file outside the workspace or to a file that is not
 * a config. Symbolic links are resolved first: a link inside the workspace to a file outside it is
 * outside. No `vscode` here, so it is tested in plain Node.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { isConfigPath } from './configPaths.ts';

export type RecordedConfig =
  | { kind: 'usable'; path: string }
  | { kind: 'missing'; path: string }
  | { kind: 'refused'; path: string; reason: string };

/** `file` is `folder` itself or lies below it (both absolute and resolved). */
export function isInsideFolder(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function realPath(file: string): Promise<string | undefined> {
  try {
    return await fsp.realpath(file);
  } catch {
    return undefined;
  }
}

/** Checks a recorded config path against the workspace folders (absolute paths). */
export async function checkRecordedConfig(recorded: string, workspaceFolders: readonly string[]): Promise<RecordedConfig> {
  if (!path.isAbsolute(recorded)) return { kind: 'refused', path: recorded, reason: 'is not an absolute path' };
  if (!isConfigPath(recorded)) return { kind: 'refused', path: recorded, reason: 'is not a *.distq.json file' };
  const real = await realPath(recorded);
  if (real === undefined) return { kind: 'missing', path: recorded };
  if (!isConfigPath(real)) return { kind: 'refused', path: recorded, reason: `links to ${real}, which is not a *.distq.json file` };
  const folders = await Promise.all(workspaceFolders.map(async (folder) => (await realPath(folder)) ?? path.resolve(folder)));
  if (!folders.some((folder) => isInsideFolder(real, folder))) return { kind: 'refused', path: recorded, reason: real === recorded ? 'is outside this workspace' : `links to ${real}, outside this workspace` };
  return { kind: 'usable', path: real };
}

/** The sentence a refusal is reported with. */
export function refusalMessage(runFolderName: string, refused: Extract<RecordedConfig, { kind: 'refused' }>): string {
  return `run ${runFolderName} records its config as ${refused.path}, which ${refused.reason}: DistQ does not open or edit it from a run folder.`;
}
