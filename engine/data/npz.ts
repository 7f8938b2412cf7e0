/** Reads .npz files (numpy.savez and savez_compressed): a zip archive of .npy members. */
import { parseNpy, type NpyArray } from './npy.ts';
import { readUserFile } from '../util/userFile.ts';
import { extractZipEntry, readZipEntries } from './zip.ts';

/** Every `.npy` member by name without the `.npy` suffix, in archive order; other members are skipped. */
export function loadNpz(path: string): Map<string, NpyArray> {
  return parseNpz(readUserFile(path, 'data file'), path);
}

export function parseNpz(bytes: Uint8Array, file: string): Map<string, NpyArray> {
  const arrays = new Map<string, NpyArray>();
  for (const entry of readZipEntries(bytes, file)) {
    if (!entry.name.endsWith('.npy')) continue;
    const name = entry.name.slice(0, -'.npy'.length);
    arrays.set(name, parseNpy(extractZipEntry(bytes, entry, file), file, name));
  }
  return arrays;
}
