/**
 * Tunes a finished run (the QAT + distillation result) to the config's `tuning` target: ranks the
 * layers by the run's sensitivity, runs the search (tuningLoop.ts) with tuning.json saved after each
 * trial, and once finished adds `tuning` to summary.json and writes the chosen settings beside the
 * config when they meet the target. A tuning.json left by a stop is continued, provided it was made
 * with the same settings. How a trial trains and measures, and how sensitivity is measured, are
 * passed in, so this file holds only the bookkeeping.
 */
import type { LoadedConfig } from '../config/loadConfig.ts';
import { effectiveQuantization } from '../config/effectiveSections.ts';
import { parseSection } from '../config/loadConfig.ts';
import { tuningSection, type TuningConfig } from '../config/distqConfig.ts';
import type { RunFolder } from '../run/runFolder.ts';
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';
import type { TuningTrialProgress } from '../../contracts/engineProtocol.ts';
import type { TuningFile } from '../../contracts/tuningReport.ts';
import { minimumAccuracy } from './accuracyTarget.ts';
import { promotionOrder, tuningPlan } from './promotionOrder.ts';
import { runTuningLoop, type TrialRunner, type TuningOutcome } from './tuningLoop.ts';
import type { TuningPlan } from './tuningSearch.ts';
import { tunedConfigText, writeTunedConfig } from './tunedConfig.ts';

export interface TuneRunOptions {
  loaded: LoadedConfig;
  run: RunFolder;
  /** The run's sensitivity analysis (engine/commands/sensitivity.ts on its checkpoint), measured once: a resume reuses the order in tuning.json. */
  measureSensitivity(): Promise<SensitivityReport>;
  runner: TrialRunner;
  /** Told each trial once it is measured and saved in tuning.json. */
  onTrial?(progress: TuningTrialProgress): void;
  shouldStop(): boolean;
  progress(line: string): void;
  now?: () => number;
  /** When the time budget started (by `now`): the caller's work before this call (the sensitivity analysis) counts too. Default: now. */
  startedAt?: number;
}

export interface TuneRunResult extends TuningOutcome {
  file: TuningFile;
}

export async function tuneRun(options: TuneRunOptions): Promise<TuneRunResult> {
  const { loaded, run } = options;
  const now = options.now ?? Date.now;
  const started = options.startedAt ?? now();
  const settings = parseSection(tuningSection, loaded.config.tuning ?? {}, 'tuning', loaded.file);
  const summary = run.readSummary();
  if (summary?.kind !== 'run' || summary.status !== 'finished') throw new Error(`run folder ${run.folder} has no finished run to tune from (summary.json says ${summary ? `${summary.status ?? 'train'}` : 'nothing'})`);
  const reference = summary.accuracy.teacherFp32 === null
    ? { model: 'studentFp32' as const, accuracy: summary.accuracy.studentFp32 }
    : { model: 'teacherFp32' as const, accuracy: summary.accuracy.teacherFp32 };

  const saved = run.readTuning();
  const header = saved ? continuedHeader(saved, loaded.file, settings, reference) : await newHeader(options, settings, reference);
  const plan = planOf(loaded, settings, header.promotionOrder);
  const timeLimitMs = settings.timeBudgetMinutes === undefined ? Infinity : settings.timeBudgetMinutes * 60_000;
  let file: TuningFile = saved ?? { ...header, trials: [], finished: false, summary: { met: false, trials: 0, chosen: null }, tunedConfigPath: null };
  const outcome = await runTuningLoop({
    plan, minimumAccuracy: header.minimumAccuracy, runner: options.runner, trials: saved?.trials ?? [],
    save: (trials, tuningSummary, finished) => {
      file = { ...header, trials: [...trials], finished, summary: tuningSummary, tunedConfigPath: file.tunedConfigPath };
      run.writeTuning(file);
      const trial = trials.at(-1);
      if (!finished && trial) options.onTrial?.({ trial, maxTrials: settings.maxTrials, minimumAccuracy: header.minimumAccuracy });
    },
    timeLeft: () => now() - started < timeLimitMs,
    shouldStop: options.shouldStop,
    progress: options.progress,
    now,
  });
  if (!outcome.finished) return { ...outcome, file };

  const chosen = outcome.summary.chosen === null ? undefined : outcome.trials[outcome.summary.chosen];
  if (outcome.summary.met && chosen && file.tunedConfigPath === null) {
    const tunedConfigPath = writeTunedConfig(loaded.file, tunedConfigText(loaded.text, chosen.layers));
    file = { ...file, tunedConfigPath };
    run.writeTuning(file);
    options.progress(`the chosen settings (trial ${chosen.index + 1}) are in ${tunedConfigPath}`);
  }
  run.writeSummary({ ...summary, tuning: outcome.summary });
  return { ...outcome, file };
}

type TuningHeader = Pick<TuningFile, 'kind' | 'configPath' | 'reference' | 'maxAccuracyLoss' | 'minimumAccuracy' | 'fallback' | 'promotionOrder'>;

async function newHeader(options: TuneRunOptions, settings: TuningConfig, reference: TuningFile['reference']): Promise<TuningHeader> {
  options.progress('measuring each layer\'s sensitivity on the run\'s checkpoint');
  const report = await options.measureSensitivity();
  return {
    kind: 'tuning', configPath: options.loaded.file, reference, maxAccuracyLoss: settings.maxAccuracyLoss,
    minimumAccuracy: minimumAccuracy(reference.accuracy, settings.maxAccuracyLoss), fallback: settings.fallback, promotionOrder: promotionOrder(report),
  };
}

/** The saved tuning's header, when its settings are the config's: otherwise its trials answer another question, and continuing them would mix two. */
function continuedHeader(saved: TuningFile, configPath: string, settings: TuningConfig, reference: TuningFile['reference']): TuningHeader {
  const same = JSON.stringify(saved.maxAccuracyLoss) === JSON.stringify(settings.maxAccuracyLoss) && saved.fallback === settings.fallback && saved.reference.accuracy === reference.accuracy;
  if (!same) throw new Error(`the run's tuning.json was made with other tuning settings (maxAccuracyLoss ${JSON.stringify(saved.maxAccuracyLoss)}, fallback ${saved.fallback}); tune a new run, or put those settings back to continue it`);
  const { kind, reference: savedReference, maxAccuracyLoss, minimumAccuracy: minimum, fallback, promotionOrder: order } = saved;
  return { kind, configPath, reference: savedReference, maxAccuracyLoss, minimumAccuracy: minimum, fallback, promotionOrder: order };
}

function planOf(loaded: LoadedConfig, settings: TuningConfig, order: readonly string[]): TuningPlan {
  return tuningPlan(effectiveQuantization(loaded.config.quantization, loaded.file), settings.fallback, order, settings.maxTrials, true);
}
