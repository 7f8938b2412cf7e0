/**
 * Runs the tuner's trials one after another: asks tuningSearch.ts what to try, has the injected
 * runner train and measure it, records it, and saves the trials after each so a stop loses at most
 * the trial under way. The runner does the heavy work (engine/tuning's real one trains, exports and
 * measures); tests drive the loop with a scripted one.
 */
import type { TuningSummary, TuningTrial } from '../../contracts/tuningReport.ts';
import { meetsTarget } from './accuracyTarget.ts';
import { nextTuningStep, summarizeTuning, type TrialRequest, type TuningPlan } from './tuningSearch.ts';

/** What a trial measured. */
export interface TrialMeasurement {
  accuracy: { fakeQuant: number; int8: number };
  /** The fake-quantized accuracy before the trial trained; absent when it did not train. */
  fakeQuantBeforeTraining?: number;
  sizeBytes: number;
  latencyMs: number | null;
}

export interface TrialRunner {
  /** Trains (a promotion or a give-back briefly, from `request.continuedFrom`'s checkpoint; a retrain as the run, from the student), exports and measures. */
  runTrial(request: TrialRequest): Promise<TrialMeasurement>;
}

export interface TuningLoopOptions {
  plan: TuningPlan;
  minimumAccuracy: number;
  runner: TrialRunner;
  /** The trials a stopped tuning already ran (tuning.json); empty for a new one. */
  trials?: readonly TuningTrial[];
  /** Called after each trial with all of them, and once more at the end with `finished`. */
  save(trials: readonly TuningTrial[], summary: TuningSummary, finished: boolean): Promise<void> | void;
  /** False once the time budget is spent: no new trial starts. */
  timeLeft(): boolean;
  /** True when the user asked to stop: the loop ends between trials, unfinished, to resume later. */
  shouldStop(): boolean;
  progress(line: string): void;
  now?: () => number;
}

export interface TuningOutcome {
  trials: TuningTrial[];
  summary: TuningSummary;
  /** False when stopped: the trials so far are saved and a later `distq tune` continues them. */
  finished: boolean;
}

export async function runTuningLoop(options: TuningLoopOptions): Promise<TuningOutcome> {
  const now = options.now ?? Date.now;
  const trials = [...(options.trials ?? [])];
  for (;;) {
    if (options.shouldStop()) return { trials, summary: summarizeTuning(trials), finished: false };
    const step = nextTuningStep(options.plan, trials, options.timeLeft());
    if (step.kind === 'done') {
      await options.save(trials, step.summary, true);
      return { trials, summary: step.summary, finished: true };
    }
    const { request } = step;
    const count = request.action === 'retrain' ? `trial ${request.index + 1} (the last)` : `trial ${request.index + 1}/${options.plan.maxTrials}`;
    options.progress(`${count}: ${describeRequest(request)}`);
    const started = now();
    const measured = await options.runner.runTrial(request);
    const trial: TuningTrial = {
      ...request,
      accuracy: measured.accuracy,
      ...(measured.fakeQuantBeforeTraining === undefined ? {} : { fakeQuantBeforeTraining: measured.fakeQuantBeforeTraining }),
      meets: meetsTarget(measured.accuracy.int8, options.minimumAccuracy),
      sizeBytes: measured.sizeBytes,
      latencyMs: measured.latencyMs,
      seconds: (now() - started) / 1000,
    };
    trials.push(trial);
    options.progress(`trial ${trial.index + 1}: INT8 ${percent(trial.accuracy.int8)} (fake quant ${percent(trial.accuracy.fakeQuant)}), target ${percent(options.minimumAccuracy)}: ${trial.meets ? 'met' : 'not met'}`);
    await options.save(trials, summarizeTuning(trials), false);
  }
}

function describeRequest(request: TrialRequest): string {
  switch (request.action) {
    case 'start': return 'the run as trained';
    case 'promote': return `promote ${request.node} to ${JSON.stringify(request.layers[request.node!])}`;
    case 'giveBack': return `give back ${request.node}`;
    case 'retrain': return 'the chosen precisions trained from the student as a run trains';
    default: {
      const unknown: never = request.action;
      throw new Error(`unknown trial action ${String(unknown)}`);
    }
  }
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)} %`;
}
