/** What the user reads about a tuning: each trial in one line, and how the tuning ended. No `vscode` here. */
import type { TuningTrialProgress } from '../../contracts/engineProtocol.ts';
import type { TuningFile, TuningTrial } from '../../contracts/tuningReport.ts';
import { formatAccuracy } from '../liveRun/runMessages.ts';

/** `the run as trained`, `promoted conv2`, `gave back conv2`, `retrained from the student`. */
export function trialAction(trial: Pick<TuningTrial, 'action' | 'node'>): string {
  switch (trial.action) {
    case 'start':
      return 'the run as trained';
    case 'promote':
      return `promoted ${trial.node ?? '?'}`;
    case 'giveBack':
      return `gave back ${trial.node ?? '?'}`;
    case 'retrain':
      return 'retrained from the student';
    default: {
      const unknownAction: never = trial.action;
      return String(unknownAction);
    }
  }
}

/** `target ≥ 98.25 %`. */
export function targetText(minimumAccuracy: number): string {
  return `target ≥ ${formatAccuracy(minimumAccuracy)}`;
}

/** The progress notification's line: `trial 3 of 12: promoted conv2 — INT8 98.31 % (target ≥ 98.25 %)`. Trial 1 is the run tuned from. */
export function trialProgressMessage({ trial, maxTrials, minimumAccuracy }: TuningTrialProgress): string {
  // The retrain comes past the trial limit: "of 12" would read as an overrun.
  const count = trial.action === 'retrain' ? `trial ${trial.index + 1}, the last` : `trial ${trial.index + 1} of ${maxTrials}`;
  return `${count}: ${trialAction(trial)} — INT8 ${formatAccuracy(trial.accuracy.int8)} (${targetText(minimumAccuracy)})`;
}

export type TuningEnd = 'finished' | 'stopped';

/** The message at the end of a tuning, from its tuning.json; `tone` says how to show it. */
export function tuningEndMessage(runName: string, end: TuningEnd, tuning: TuningFile | undefined): { text: string; tone: 'info' | 'warn' } {
  const chosen = tuning?.trials.find((trial) => trial.index === tuning.summary.chosen);
  const trials = tuning?.trials.length ?? 0;
  const count = `${trials} trial${trials === 1 ? '' : 's'}`;
  if (end === 'stopped') {
    return { text: `DistQ tuning of ${runName} stopped after ${count}. Tune the run again to continue from its last trial.`, tone: 'info' };
  }
  if (!tuning || !chosen) return { text: `DistQ tuning of ${runName} finished after ${count}.`, tone: 'info' };
  const target = targetText(tuning.minimumAccuracy);
  const result = `trial ${chosen.index + 1} (${trialAction(chosen)}) reached INT8 ${formatAccuracy(chosen.accuracy.int8)}`;
  if (tuning.summary.met) {
    const written = tuning.tunedConfigPath ? `; its settings are in ${basename(tuning.tunedConfigPath)}` : '';
    return { text: `DistQ tuning of ${runName} met the ${target} in ${count}: ${result}${written}.`, tone: 'info' };
  }
  return { text: `DistQ tuning of ${runName} did not meet the ${target} in ${count}: the most accurate, ${result}.`, tone: 'warn' };
}

/** The file name of a path with either separator (the engine may run on another OS than this text is tested on). */
function basename(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}
