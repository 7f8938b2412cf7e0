/**
 * The shapes of the JSON files in a run folder (names in runFolderLayout.ts). The engine writes them
 * through engine/run/runFolder.ts; the extension reads them through extension/runHistory/runFolderReader.ts.
 * A field marked optional for older runs is one that engines before it did not write: the engine
 * writes it now, and a reader must do without it.
 */
import type { LayerErrorReport } from './layerErrorReport.ts';
import type { TuningSummary } from './tuningReport.ts';

/** run.json: written when the run starts, before anything else. */
export interface RunInfoFile {
  kind: 'run';
  name: string;
  /** The config file the run came from (absolute); absent in older runs. */
  configPath?: string;
  /** ISO 8601; absent in older runs. */
  startedAt?: string;
}

/** baseline.json: accuracies measured before training, kept for a resumed run's summary. */
export interface BaselineFile {
  teacherFp32: number | null;
  studentFp32: number;
  ptqInt8: number;
  /** Absent in older runs. */
  ptqFakeQuant?: number;
}

/** layers.json: the PTQ report after calibration, the final one after training. */
export interface LayersFile {
  ptq: LayerErrorReport | null;
  final: LayerErrorReport | null;
}

/** A model variant's test accuracy after an epoch (zero-based, as in metrics.jsonl). */
export interface EpochAccuracy {
  epoch: number;
  /** Test accuracy in [0, 1] for each evaluated model variant. */
  accuracy: Record<string, number>;
}

export interface EpochSummary extends EpochAccuracy {
  trainLoss: number;
}

/** summary.json of a finished `distq run`; the engine also sends it with run/finished. */
export interface RunSummary {
  kind: 'run';
  name: string;
  /** The config file the run came from (config.distq.json in the run folder is its copy). */
  configPath: string;
  status: 'finished';
  /** The config's `distillation.kind`. */
  distillation: string;
  bits: { weights: number; activations: number };
  accuracy: { teacherFp32: number | null; studentFp32: number; ptqInt8: number; qatFakeQuant: number; qatInt8: number; studentFp32AfterQat: number };
  sizeBytes: { fp32: number; int8: number };
  latencyMs: { fp32: { batch1: number; batch: number }; int8: { batch1: number; batch: number }; batchSize: number };
  exportAgreement: { deltaPp: number; ok: boolean };
  epochs: EpochSummary[];
  seconds: number;
  runFolder: string;
  /** Present once `distq tune` has tuned this run: whether it met the target, its trials, the chosen one (tuning.json has them). */
  tuning?: TuningSummary;
}

/** A finished run's summary.json as older runs wrote it too: without the config path. */
export type FinishedRunSummaryFile = Omit<RunSummary, 'configPath'> & { configPath?: string };

/** summary.json of a run that did not finish: the engine writes why, and where it can resume from. */
export interface EndedRunSummary {
  kind: 'run';
  name: string;
  /** Absent in older runs. */
  configPath?: string;
  status: 'stopped' | 'failed';
  message: string;
  /** The epoch checkpoint.bin holds (0 without one). */
  checkpointEpoch: number;
  /** Absent when the run failed before measuring it. */
  baseline?: BaselineFile;
  seconds: number;
  runFolder: string;
}

/** summary.json of `distq train`. */
export interface TrainSummary {
  kind: 'train';
  /** Never written: a finished train summary has no status (a failed one is EndedTrainSummary). */
  status?: undefined;
  /** Never written: training records no config path. */
  configPath?: undefined;
  name: string;
  /** Where the trained model was written. */
  model: string;
  accuracy: { fp32: number };
  epochs: EpochSummary[];
  seconds: number;
  parameterCount: number;
}

/** summary.json of a `distq train` that failed (diverged, or could not write its files): why. */
export interface EndedTrainSummary {
  kind: 'train';
  status: 'failed';
  name: string;
  message: string;
  seconds: number;
}

export type SummaryFile = FinishedRunSummaryFile | EndedRunSummary | TrainSummary | EndedTrainSummary;
