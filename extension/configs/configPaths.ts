/** Which *.distq.json files are the user's configs. */

export const CONFIG_GLOB = '**/*.distq.json';

/** A run folder's `config.distq.json` is a record of a run, not a config to run again. */
export function isRunFolderCopy(configPath: string): boolean {
  return /[\\/]runs[\\/][^\\/]+[\\/]config\.distq\.json$/.test(configPath);
}

export function isConfigPath(filePath: string): boolean {
  return filePath.endsWith('.distq.json');
}
