/**
 * The tuner for a user's own loop (the hooks API): the same search as `distq tune`
 * (tuningLoop.ts), where each trial is prepared with prepareCompression's arguments and the
 * trial's layers, continues from the previous trial's weights and ranges (kept in memory), is
 * trained by the user's function and judged by the user's evaluation function.
 */
import type { CompressionManager } from '../compression/compressionManager.ts';
import { restoreWithNewQuantizers, sessionCheckpointState, type SessionCheckpointState } from '../compression/restoreCheckpoint.ts';
import { iterateBatches } from '../data/batches.ts';
import type { Dataset } from '../data/dataset.ts';
import { layerErrorsOf } from '../compression/layerReport.ts';
import { sqnrProxies } from '../analysis/sensitivity.ts';
import { encodeModel } from '../onnx/protoCodec.ts';
import { exportQdqModel } from '../quantization/exportQdq.ts';
import type { LayerPrecisionSetting, MaxAccuracyLoss, TuningSummary, TuningTrial } from '../../contracts/tuningReport.ts';
import { minimumAccuracy } from './accuracyTarget.ts';
import { tuningPlan } from './promotionOrder.ts';
import { runTuningLoop } from './tuningLoop.ts';
import type { TrialRequest } from './tuningSearch.ts';

export interface CompressionTuningOptions {
  /** The trained manager to start from: trial 0 measures it as it is. */
  start: CompressionManager;
  /** A new manager quantized with these layers (prepareCompression with the run's arguments and `layers` in its quantization config). */
  prepare(layers: Record<string, LayerPrecisionSetting>): Promise<CompressionManager>;
  /** Your evaluation function: the metric the target applies to (higher is better), e.g. the INT8 model's accuracy. */
  evaluate(manager: CompressionManager): Promise<number>;
  /** Continues QAT + distillation briefly after a change (your loop with the manager's callbacks); not called for trial 0. */
  train(manager: CompressionManager, trial: TrialRequest): Promise<void>;
  /** The metric of the reference model (your FP32 teacher or student). */
  referenceMetric: number;
  /** Default `{ absolutePp: 0.3 }`: the metric may fall at most 0.3 points (of 100) below the reference. */
  maxAccuracyLoss?: MaxAccuracyLoss;
  /** Trials at most, the start included; default 12. */
  maxTrials?: number;
  /** What a promoted layer becomes; default `int8` (a layer at 8 bits already goes to float). */
  fallback?: 'int8' | 'float';
  /** Nodes to promote, most sensitive first. Default: the start's quantized layers by their own SQNR on `data`, worst first. */
  promotionOrder?: string[];
  /** Data for the default order's SQNR (a few hundred examples are used). */
  data?: Dataset;
  shouldStop?(): boolean;
  onTrial?(trial: TuningTrial): void;
}

export interface CompressionTuningResult {
  trials: TuningTrial[];
  summary: TuningSummary;
  /** The chosen trial's `quantization.layers`. */
  chosenLayers: Record<string, LayerPrecisionSetting> | null;
  /** The chosen trial's manager, prepared and restored to its weights and ranges; release it when done. */
  restoreChosen(): Promise<CompressionManager>;
}

export async function tuneCompression(options: CompressionTuningOptions): Promise<CompressionTuningResult> {
  const { start } = options;
  const quantization = start.session.setup.quantization;
  const order = options.promotionOrder ?? await sqnrOrder(start, options.data);
  const fallback = options.fallback ?? 'int8';
  const states = new Map<number, SessionCheckpointState>();

  const restore = async (layers: Record<string, LayerPrecisionSetting>, from: number): Promise<CompressionManager> => {
    const manager = await options.prepare(layers);
    const { session } = manager;
    const calibration = { batches: iterateBatches(session.setup.train, { batchSize: session.setup.batchSize, seed: 0, epoch: 0, shuffle: false, reuseBuffers: false }), batchCount: session.setup.quantization.calibrationBatches };
    await restoreWithNewQuantizers(session, states.get(from)!, `tuning trial ${from + 1}`, calibration);
    manager.markCalibrated();
    return manager;
  };

  const outcome = await runTuningLoop({
    plan: tuningPlan(quantization, fallback, order, options.maxTrials ?? 12, false),
    minimumAccuracy: minimumAccuracy(options.referenceMetric, options.maxAccuracyLoss ?? { absolutePp: 0.3 }),
    runner: {
      runTrial: async (request) => {
        const manager = request.continuedFrom === null ? start : await restore(request.layers, request.continuedFrom);
        try {
          if (request.continuedFrom !== null) await options.train(manager, request);
          states.set(request.index, snapshot(manager));
          const metric = await options.evaluate(manager);
          const sizeBytes = encodeModel(exportQdqModel(manager.session.currentStudent(), manager.session.exportPlan())).length;
          // The user's function is the one reading: it stands for both.
          return { accuracy: { fakeQuant: metric, int8: metric }, sizeBytes, latencyMs: null };
        } finally {
          if (manager !== start) await manager.release();
        }
      },
    },
    save: (trials, _summary, finished) => {
      const trial = trials.at(-1);
      if (!finished && trial) options.onTrial?.(trial);
    },
    timeLeft: () => true,
    shouldStop: options.shouldStop ?? (() => false),
    progress: () => undefined,
  });
  const chosen = outcome.summary.chosen === null ? undefined : outcome.trials[outcome.summary.chosen];
  return {
    trials: outcome.trials,
    summary: outcome.summary,
    chosenLayers: chosen ? chosen.layers : null,
    restoreChosen: () => {
      if (!chosen) return Promise.reject(new Error('no trial was run'));
      return restore(chosen.layers, chosen.index);
    },
  };
}

/** A copy of the manager's weights and ranges: its session is released after the trial. */
function snapshot(manager: CompressionManager): SessionCheckpointState {
  return structuredClone(sessionCheckpointState(manager.session, 0));
}

async function sqnrOrder(manager: CompressionManager, data: Dataset | undefined): Promise<string[]> {
  if (!data) throw new Error('tuneCompression needs either promotionOrder or data to rank the layers by their quantization error');
  const report = await layerErrorsOf(manager.session, data);
  const scored = report.layers.map((layer) => ({ node: layer.node, score: sqnrProxies(layer).ownSqnr }));
  // ownSqnr is negated: larger is worse.
  return scored.filter((l) => l.score !== null).sort((a, b) => b.score! - a.score!).map((l) => l.node);
}
