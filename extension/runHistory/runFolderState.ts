/**
 * How a run stands, from its folder alone (docs/runs.md): summary.json when the run ended,
 * metrics.jsonl while it trained, checkpoint.bin once an epoch finished. The files come through
 * runFolderReader.ts. No vscode here, so it is tested in plain Node.
 */
import * as path from 'node:path';
import { RUN_FOLDER_FILES, startTimeOfRunFolder } from '../../contracts/runFolderLayout.ts';
import { readRunFolderHeadline, type RunFolderHeadline, type SummarySnapshot } from './runFolderReader.ts';

export type RunStatus = 'running' | 'finished' | 'stopped' | 'failed';

export interface RunFolderState extends RunFolderHeadline {
  /** Absolute path. */
  folder: string;
  /** The folder's name, `<config name>-<timestamp>`. */
  folderName: string;
  startedAt?: Date;
  /** How the run ended, from disk; a live run is marked running by whoever knows it is. */
  status: Exclude<RunStatus, 'running'>;
}

/** The files whose appearance means a run folder: run.json lands first, so a run just started elsewhere (the CLI) shows at once. */
export const RUN_MARKER_FILES = [RUN_FOLDER_FILES.summary, RUN_FOLDER_FILES.metrics, RUN_FOLDER_FILES.checkpoint, RUN_FOLDER_FILES.runInfo] as const;

/**
 * How a run ended, from its files. A summary says it outright (a `train` summary
 * has no status: it only exists when training finished). Without one the run was
 * interrupted (or is going in another process): resumable with a checkpoint,
 * failed without.
 */
export function statusFromDisk(summary: SummarySnapshot | undefined, hasCheckpoint: boolean): Exclude<RunStatus, 'running'> {
  if (summary) {
    if (summary.status === 'finished' || summary.status === 'stopped' || summary.status === 'failed') return summary.status;
    if (summary.status === undefined) return 'finished';
    return 'failed';
  }
  return hasCheckpoint ? 'stopped' : 'failed';
}

/** The folder holding a run file found anywhere under a `runs/` directory, or undefined. */
export function runFolderOfFile(file: string): string | undefined {
  if (!(RUN_MARKER_FILES as readonly string[]).includes(path.basename(file))) return undefined;
  const folder = path.dirname(file);
  return path.basename(path.dirname(folder)) === 'runs' ? folder : undefined;
}

/** Reads a run folder's state from its files. */
export async function readRunFolderState(folder: string): Promise<RunFolderState> {
  const headline = await readRunFolderHeadline(folder);
  const folderName = path.basename(folder);
  return {
    folder,
    folderName,
    startedAt: startTimeOfRunFolder(folderName),
    status: statusFromDisk(headline.summary, headline.hasCheckpoint),
    ...headline,
  };
}

/** Newest first by start time from the folder name, then by name. */
export function compareRunsNewestFirst(a: RunFolderState, b: RunFolderState): number {
  const at = a.startedAt?.getTime() ?? 0;
  const bt = b.startedAt?.getTime() ?? 0;
  return bt - at || a.folderName.localeCompare(b.folderName);
}
