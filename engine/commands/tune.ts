/**
 * `distq tune CONFIG [--run RUN_DIR]`: tunes a finished run to the config's `tuning` target
 * (docs/tuning.md). Without --run it takes the config's latest finished run. The run's layers are
 * ranked once by `distq sensitivity` on its checkpoint (sensitivity.json, reused when there), then
 * each trial trains briefly and is measured (engine/tuning/trialRunner.ts) and recorded in
 * tuning.json. A stopped tuning continues with the same command.
 */
import * as path from 'node:path';
import type { LoadedConfig } from '../config/loadConfig.ts';
import { parseSection, resolveConfigPath } from '../config/loadConfig.ts';
import { tuningSection } from '../config/distqConfig.ts';
import { RunFolder } from '../run/runFolder.ts';
import { latestFinishedRun } from '../run/latestFinishedRun.ts';
import { loadConfigInputs } from '../compression/configSession.ts';
import { TrainingCancelledError } from '../training/trainer.ts';
import { tuneRun, type TuneRunResult } from '../tuning/tuneRun.ts';
import { createTrialRunner } from '../tuning/trialRunner.ts';
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';
import type { TuningTrialProgress } from '../../contracts/engineProtocol.ts';
import { sensitivityFromConfig } from './sensitivity.ts';
import { SensitivityCancelledError } from '../analysis/sensitivity.ts';
import type { Reporter } from './reporter.ts';

export interface TuneCommandOptions {
  /** The run folder to tune; the config's latest finished run when absent. */
  run?: string;
  /** Checked between steps: the tuning stops with TrainingCancelledError, its trials so far kept. */
  shouldStop?: () => boolean;
  /** Told the run folder as soon as it is known. */
  onRunFolder?(folder: string): void;
  onTrial?(progress: TuningTrialProgress): void;
}

export interface TuneCommandResult extends TuneRunResult {
  runFolder: string;
}

export async function tuneFromConfig(loaded: LoadedConfig, reporter: Reporter, options: TuneCommandOptions = {}): Promise<TuneCommandResult> {
  const startedAt = Date.now();
  const { config } = loaded;
  const settings = parseSection(tuningSection, config.tuning ?? {}, 'tuning', loaded.file);
  const runsFolder = resolveConfigPath(loaded, config.output.runsFolder);
  const folder = options.run === undefined ? latestFinishedRun(runsFolder, config.name) : path.resolve(options.run);
  if (folder === undefined) throw new Error(`${runsFolder} holds no finished run of '${config.name}' to tune; run the config first (distq run ${path.basename(loaded.file)}) or name a run with --run`);
  const run = RunFolder.open(folder);
  if (!run.hasCheckpoint()) throw new Error(`run folder ${run.folder} has no checkpoint.bin to tune from`);
  options.onRunFolder?.(run.folder);
  const shouldStop = options.shouldStop ?? (() => false);
  reporter.log(`tuning ${path.relative(process.cwd(), run.folder)}`);
  // The palette offers tuning for any config: say which target a config without one is tuned to.
  if (config.tuning === undefined) reporter.log(`${path.basename(loaded.file)} has no \`tuning\` section: tuning with its defaults ${JSON.stringify(settings)}`);

  // Measured before the folder is locked: the analysis takes the lock itself.
  const sensitivity = run.readTuning() ? undefined : await sensitivityOf(loaded, run, reporter, shouldStop);
  const inputs = loadConfigInputs(loaded);
  const lock = run.lock();
  let result: TuneRunResult;
  try {
    result = await tuneRun({
      loaded, run,
      measureSensitivity: () => (sensitivity ? Promise.resolve(sensitivity) : Promise.reject(new Error('the sensitivity analysis did not run'))),
      runner: createTrialRunner({ loaded, inputs, run, epochsPerTrial: settings.epochsPerTrial, shouldStop, reporter }),
      onTrial: (progress) => {
        reporter.progress({ phase: 'tune', step: progress.trial.index + 1, steps: progress.maxTrials });
        options.onTrial?.(progress);
      },
      shouldStop,
      progress: (line) => reporter.log(line),
      startedAt,
    });
  } catch (error) {
    // Stopped inside a trial: that trial is not recorded, and runs again when the tuning continues.
    if (error instanceof TrainingCancelledError) throw new TrainingCancelledError(stoppedMessage(run.readTuning()?.trials.length ?? 0, run.folder));
    throw error;
  } finally {
    lock.release();
  }
  if (!result.finished) throw new TrainingCancelledError(stoppedMessage(result.trials.length, run.folder));
  return { ...result, runFolder: run.folder };
}

function stoppedMessage(trials: number, folder: string): string {
  return `tuning stopped after ${trials} trial${trials === 1 ? '' : 's'} (kept in tuning.json); continue it with distq tune CONFIG --run ${folder}`;
}

/** The run's sensitivity.json when its checkpoint was analysed already, else a new analysis (written there). */
async function sensitivityOf(loaded: LoadedConfig, run: RunFolder, reporter: Reporter, shouldStop: () => boolean): Promise<SensitivityReport> {
  const saved = run.readSensitivity();
  if (saved?.source.kind === 'run') {
    reporter.log(`layers ranked by the run's sensitivity.json`);
    return saved;
  }
  try {
    return (await sensitivityFromConfig(loaded, reporter, { run: run.folder, shouldStop })).report;
  } catch (error) {
    if (error instanceof SensitivityCancelledError) throw new TrainingCancelledError(stoppedMessage(0, run.folder));
    throw error;
  }
}
