/** The newest run folder of a config that finished: what `distq tune` tunes when no run is named. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configNameOfRunFolder, startTimeOfRunFolder } from '../../contracts/runFolderLayout.ts';
import { RunFolder } from './runFolder.ts';

/** The folder, or undefined when `runsFolder` holds no finished run of config `name`. */
export function latestFinishedRun(runsFolder: string, name: string): string | undefined {
  if (!fs.existsSync(runsFolder)) return undefined;
  const candidates = fs.readdirSync(runsFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && configNameOfRunFolder(entry.name) === name)
    .map((entry) => ({ folder: path.join(runsFolder, entry.name), started: startTimeOfRunFolder(entry.name)?.getTime() ?? 0, name: entry.name }))
    // Newest first; folders started in the same second by their `-2`, `-3` suffix.
    .sort((a, b) => b.started - a.started || b.name.localeCompare(a.name, undefined, { numeric: true }));
  return candidates.find(({ folder }) => {
    try {
      const summary = RunFolder.open(folder).readSummary();
      return summary?.kind === 'run' && summary.status === 'finished';
    } catch {
      // A folder whose summary cannot be read is not a finished run.
      return false;
    }
  })?.folder;
}
