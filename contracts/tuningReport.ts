/**
 * tuning.json: every trial of `distq tune` (engine/tuning/), what each changed and what it measured,
 * and which one was chosen. The engine rewrites it after each trial, so a stopped tuning resumes from
 * it; summary.json's `tuning` field sums it up. docs/tuning.md explains the search.
 */

/** One node's entry of `quantization.layers` as the config has it. */
export type LayerPrecisionSetting = 'float' | { weights?: { bits: number }; activations?: { bits: number } };

/** The config's `tuning.maxAccuracyLoss`. */
export type MaxAccuracyLoss = { absolutePp: number } | { relative: number };

/**
 * Why a trial was run: the run's own result, a layer promoted, a promotion given back, or the
 * search's choice trained again from the config's student as a run trains (the last trial).
 */
export const TUNING_TRIAL_ACTIONS = ['start', 'promote', 'giveBack', 'retrain'] as const;
export type TuningTrialAction = (typeof TUNING_TRIAL_ACTIONS)[number];

export interface TuningTrial {
  /** Zero-based; trial 0 is the run the tuning starts from. */
  index: number;
  action: TuningTrialAction;
  /** The node this trial promoted or gave back; absent for the start. */
  node?: string;
  /** The whole `quantization.layers` this trial trained and measured: the config's difference from the user's. */
  layers: Record<string, LayerPrecisionSetting>;
  /** The trial whose checkpoint this one continued training from; null for the start and a retrain (from the config's student). */
  continuedFrom: number | null;
  /** Test accuracies in [0, 1]: the fake-quantized student and the exported INT8 model in ONNX Runtime. */
  accuracy: { fakeQuant: number; int8: number };
  /** The fake-quantized accuracy with the trial's precisions before it trained (its starting weights, new ranges calibrated); absent for the start and in older files. */
  fakeQuantBeforeTraining?: number;
  /** Whether the INT8 accuracy meets the target. */
  meets: boolean;
  /** The exported INT8 model's file size. */
  sizeBytes: number;
  /** INT8 latency at batch 1 in ms; null when not measured. */
  latencyMs: number | null;
  seconds: number;
}

/** What summary.json says about a tuning. */
export interface TuningSummary {
  met: boolean;
  trials: number;
  /** The chosen trial's index: the last that met the target, or the most accurate when none did; null before any trial. */
  chosen: number | null;
}

export interface TuningFile {
  kind: 'tuning';
  /** The config tuned (absolute). */
  configPath: string;
  /** The accuracy the loss is measured against. */
  reference: { model: 'teacherFp32' | 'studentFp32'; accuracy: number };
  maxAccuracyLoss: MaxAccuracyLoss;
  /** The lowest INT8 accuracy that meets the target. */
  minimumAccuracy: number;
  fallback: 'int8' | 'float';
  /** Nodes in the order they are promoted: most measured impact first (sensitivity.json). */
  promotionOrder: string[];
  trials: TuningTrial[];
  /** False while trials remain (a stopped tuning resumes from here). */
  finished: boolean;
  summary: TuningSummary;
  /** Where the chosen settings were written (absolute); null until the target is met and the tuning finished. */
  tunedConfigPath: string | null;
}

/** The tuned config's file name beside the user's: `mnist.distq.json` → `mnist.tuned.distq.json`, `mnist.tuned-2.distq.json` when taken. */
export function tunedConfigFileName(configFileName: string, attempt = 1): string {
  const stem = configFileName.replace(/\.distq\.jsonc?$|\.jsonc?$/, '');
  return `${stem}.tuned${attempt > 1 ? `-${attempt}` : ''}.distq.json`;
}
