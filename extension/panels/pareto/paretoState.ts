/** The Pareto panel's state, from a run folder's tuning.json and its config copy. No `vscode` here. */
import * as path from 'node:path';
import { RUN_FOLDER_FILES } from '../../../contracts/runFolderLayout.ts';
import type { TuningFile, TuningTrial } from '../../../contracts/tuningReport.ts';
import type { ParetoState, RunStatusView, SummaryItem, TrialView } from '../../../webview/protocol.ts';
import { configDifference, configPrecision, type ConfigPrecision } from '../../tuning/configDifference.ts';
import { targetText, trialAction } from '../../tuning/tuningText.ts';
import { bytes, milliseconds, percent, percentPoints } from '../numberFormat.ts';
import { latencyChart, sizeChart } from './paretoCharts.ts';

export const TRIAL_COLUMNS = ['Trial', 'Change', 'INT8', 'Fake-quant', 'Size', 'Latency', 'Target'];

function trialView(trial: TuningTrial, chosen: number | null, config: ConfigPrecision): TrialView {
  return {
    index: trial.index,
    title: `Trial ${trial.index + 1} · ${trialAction(trial)}`,
    cells: [
      String(trial.index + 1),
      trialAction(trial),
      percent(trial.accuracy.int8),
      percent(trial.accuracy.fakeQuant),
      bytes(trial.sizeBytes),
      trial.latencyMs === null ? '—' : milliseconds(trial.latencyMs),
      `${trial.meets ? '✓ meets' : '✗ misses'}${trial.index === chosen ? ' · chosen' : ''}`,
    ],
    meets: trial.meets,
    chosen: trial.index === chosen,
    difference: configDifference(trial.layers, config),
  };
}

function tuningStatus(tuning: TuningFile, live: boolean): RunStatusView {
  const trials = `${tuning.trials.length} trial${tuning.trials.length === 1 ? '' : 's'}`;
  if (live && !tuning.finished) return { phase: 'running', message: `Tuning: ${trials} measured so far.` };
  if (!tuning.finished) return { phase: 'stopped', message: `Stopped after ${trials}: DistQ: Tune to an Accuracy Target on this run continues it.` };
  return tuning.summary.met
    ? { phase: 'finished', message: `Met the ${targetText(tuning.minimumAccuracy)} in ${trials}.` }
    : { phase: 'finished', message: `Did not meet the ${targetText(tuning.minimumAccuracy)} in ${trials}; the most accurate trial is chosen.` };
}

function summaryItems(tuning: TuningFile): SummaryItem[] {
  const reference = tuning.reference.model === 'teacherFp32' ? 'teacher FP32' : 'student FP32';
  const items: SummaryItem[] = [
    { label: 'Target INT8', value: `≥ ${percent(tuning.minimumAccuracy)}`, detail: `${percentPoints(tuning.minimumAccuracy - tuning.reference.accuracy)} vs ${reference}` },
    { label: reference === 'teacher FP32' ? 'Teacher FP32' : 'Student FP32', value: percent(tuning.reference.accuracy) },
  ];
  const chosen = tuning.trials.find((trial) => trial.index === tuning.summary.chosen);
  if (chosen) {
    items.push({ label: 'Chosen', value: `Trial ${chosen.index + 1}: ${percent(chosen.accuracy.int8)}`, detail: `${bytes(chosen.sizeBytes)} · ${trialAction(chosen)}`, tone: chosen.meets ? 'good' : 'bad' });
  }
  if (tuning.tunedConfigPath) items.push({ label: 'Tuned config', value: path.basename(tuning.tunedConfigPath) });
  return items;
}

/** The whole state; `tuning` undefined while the folder has no (readable) tuning.json. */
export function paretoState(runFolder: string, tuning: TuningFile | undefined, configText: string | undefined, live: boolean): ParetoState {
  const title = `Tuning · ${path.basename(runFolder)}`;
  if (!tuning) {
    const status: RunStatusView = live
      ? { phase: 'loading', message: 'Tuning: the first trial appears once it is measured.' }
      : { phase: 'empty', message: `No ${RUN_FOLDER_FILES.tuning} in this run: DistQ: Tune to an Accuracy Target writes it.` };
    const empty = sizeChart([], 0, null);
    return { kind: 'pareto', title, runFolder, status, summary: [], targetLabel: '', size: empty, latency: latencyChart([], 0, null), columns: TRIAL_COLUMNS, trials: [], chosen: null };
  }
  const chosen = tuning.summary.chosen ?? null;
  const config = configPrecision(configText);
  return {
    kind: 'pareto',
    title,
    runFolder,
    status: tuningStatus(tuning, live),
    summary: summaryItems(tuning),
    targetLabel: targetText(tuning.minimumAccuracy),
    size: sizeChart(tuning.trials, tuning.minimumAccuracy, chosen),
    latency: latencyChart(tuning.trials, tuning.minimumAccuracy, chosen),
    columns: TRIAL_COLUMNS,
    trials: tuning.trials.map((trial) => trialView(trial, chosen, config)),
    chosen,
  };
}
