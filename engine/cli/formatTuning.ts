/** The human-readable end of `distq tune`: every trial, which one was chosen, and where its settings went. */
import type { TuningFile, TuningTrial } from '../../contracts/tuningReport.ts';
import { formatTable, percent } from './formatSummary.ts';

function change(trial: TuningTrial): string {
  switch (trial.action) {
    case 'start': return 'the run as trained';
    case 'promote': {
      const setting = trial.layers[trial.node!];
      return `promote ${trial.node} → ${typeof setting === 'string' ? setting : `W${setting?.weights?.bits ?? '?'}A${setting?.activations?.bits ?? '?'}`}`;
    }
    case 'giveBack': return `give back ${trial.node}`;
    case 'retrain': return 'retrain from the student';
    default: {
      const unknownAction: never = trial.action;
      return String(unknownAction);
    }
  }
}

export function formatTuning(file: TuningFile, runFolder: string): string {
  const rows = [['#', 'change', 'fake quant', 'INT8', 'meets', 'size KB', 'latency ms', 's']];
  for (const trial of file.trials) {
    rows.push([
      `${trial.index + 1}${trial.index === file.summary.chosen ? ' ✓' : ''}`,
      change(trial), percent(trial.accuracy.fakeQuant), percent(trial.accuracy.int8), trial.meets ? 'yes' : 'no',
      (trial.sizeBytes / 1024).toFixed(1), trial.latencyMs === null ? '—' : trial.latencyMs.toFixed(3), trial.seconds.toFixed(1),
    ]);
  }
  const target = `target: INT8 ≥ ${percent(file.minimumAccuracy)} (${file.reference.model === 'teacherFp32' ? 'FP32 teacher' : 'FP32 student'} ${percent(file.reference.accuracy)}, loss ${'absolutePp' in file.maxAccuracyLoss ? `${file.maxAccuracyLoss.absolutePp} pp` : `${100 * file.maxAccuracyLoss.relative} %`})`;
  const outcome = file.summary.met
    ? `met by trial ${file.summary.chosen! + 1}; its settings are in ${file.tunedConfigPath}`
    : `not met in ${file.summary.trials} trials; the most accurate was trial ${(file.summary.chosen ?? 0) + 1}`;
  return `${formatTable(rows)}\n${target}\n${outcome}\ntrials in ${runFolder}/tuning.json\n`;
}
