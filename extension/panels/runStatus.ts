/** The status line a panel shows for a run, from its folder or from live notifications. */
import type { RunProgressParams } from '../../contracts/engineProtocol.ts';
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import type { RunStatusView } from '../../webview/protocol.ts';
import type { RunFolderContents } from '../runHistory/runFolderReader.ts';
import { duration } from './numberFormat.ts';

export function statusFromFolder(contents: RunFolderContents, live: boolean): RunStatusView {
  if (!contents.exists) return { phase: 'failed', message: `Run folder not found: ${contents.folder}` };
  const summary = contents.summary;
  if (summary?.status === 'finished') return { phase: 'finished', message: `Finished in ${duration(summary.seconds)}.` };
  if (summary?.status === 'stopped') return { phase: 'stopped', message: summary.message ?? `Stopped after epoch ${summary.checkpointEpoch ?? 0}; DistQ: Resume Run continues it.` };
  if (summary?.status === 'failed') return { phase: 'failed', message: summary.message ?? 'The run failed; the engine log says why.' };
  if (live) return { phase: 'running', message: contents.metrics.length ? 'Training…' : 'Preparing: the first metrics appear after calibration.' };
  if (contents.metrics.length === 0 && !contents.baseline) return { phase: 'empty', message: 'This run has no metrics yet: it has not started training, or it ended before its first record.' };
  return { phase: 'stopped', message: `No ${RUN_FOLDER_FILES.summary}: the run is still going in another window, or it ended without writing one.` };
}

const PHASE_NAMES: Record<string, string> = { prepare: 'Preparing', calibrate: 'Calibrating and measuring the PTQ baseline', train: 'Training', export: 'Exporting and validating INT8' };

export function progressText(progress: RunProgressParams): string {
  const parts = [PHASE_NAMES[progress.phase] ?? progress.phase];
  if (progress.epoch !== undefined && progress.epochs !== undefined) parts.push(`epoch ${progress.epoch}/${progress.epochs}`);
  if (progress.step !== undefined && progress.steps !== undefined) parts.push(`step ${progress.step}/${progress.steps}`);
  if (progress.loss !== undefined && Number.isFinite(progress.loss)) parts.push(`loss ${progress.loss.toPrecision(4)}`);
  if (progress.etaSeconds !== undefined) parts.push(`${duration(progress.etaSeconds)} left`);
  return parts.join(' · ');
}
