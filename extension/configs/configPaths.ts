/** Which *.distq.json files are the user's configs. */
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';

export const CONFIG_GLOB = '**/*.distq.json';

/** A run folder's copy of its config (`…/runs/<run>/config.distq.json`) is a record of a run, not a config to run again. */
export function isRunFolderCopy(configPath: string): boolean {
  const parts = configPath.split(/[\\/]/);
  const at = (fromEnd: number): string | undefined => parts[parts.length - fromEnd];
  return parts.length >= 4 && at(1) === RUN_FOLDER_FILES.config && at(2) !== '' && at(3) === 'runs';
}

export function isConfigPath(filePath: string): boolean {
  return filePath.endsWith('.distq.json');
}
