/**
 * The extension ↔ engine protocol: JSON-RPC over Node IPC. Every message is a constant naming its
 * method, typed with its params (and a request's result); payloads are plain JSON. The engine's
 * server (engine/server/) and the extension's client (extension/engine/) each turn these descriptors
 * into vscode-jsonrpc message types, so this file imports no library.
 */
import type { LayerErrorReport } from './layerErrorReport.ts';
import type { Dim } from './matcherShapes.ts';
import type { MetricsRecord } from './metricsRecord.ts';
import type { RunSummary } from './runFiles.ts';
import type { TuningSummary, TuningTrial } from './tuningReport.ts';

/** A request's method, typed with its params and result (the two fields are types only, never set). */
export interface RequestDescriptor<Params, Result> {
  readonly method: string;
  readonly __params?: Params;
  readonly __result?: Result;
}

/** A notification's method, typed with its params (a type only, never set). */
export interface NotificationDescriptor<Params> {
  readonly method: string;
  readonly __params?: Params;
}

/** Protocol version; the client refuses an engine that speaks another. */
export const PROTOCOL_VERSION = 1;

export interface InitializeParams {
  clientName: string;
}

export interface InitializeResult {
  protocolVersion: number;
  engineVersion: string;
}

/** Sent by the client once, right after the engine starts. */
export const InitializeRequest: RequestDescriptor<InitializeParams, InitializeResult> = { method: 'engine/initialize' };

export interface StartRunParams {
  /** Absolute path of the *.distq.json config. */
  configPath: string;
  /** A run folder to continue from its last checkpoint. */
  resumeFrom?: string;
}

export interface StartRunResult {
  /** The run folder, known before training starts. */
  runFolder: string;
}

/** Sent by the client to start a QAT + distillation run; answered as soon as the run folder exists. One run at a time. */
export const StartRunRequest: RequestDescriptor<StartRunParams, StartRunResult> = { method: 'run/start' };

export interface StopRunParams {
  runFolder: string;
}

export interface StopRunResult {
  /** False when no such run was active. */
  stopping: boolean;
}

/** Sent by the client to stop a run cleanly: the engine stops between steps and keeps the last checkpoint. */
export const StopRunRequest: RequestDescriptor<StopRunParams, StopRunResult> = { method: 'run/stop' };

export interface StartTuningParams {
  /** Absolute path of the *.distq.json config whose `tuning` section sets the target. */
  configPath: string;
  /** The finished run to tune from, or a run folder whose tuning stopped (it continues); the config's latest finished run when absent. */
  runFolder?: string;
}

export interface StartTuningResult {
  /** The run folder whose tuning.json the trials are written to. */
  runFolder: string;
}

/**
 * Sent by the client to tune a finished run to the config's accuracy target (docs/tuning.md);
 * answered once the tuning has started. Stopped with `run/stop` on the same folder; progress comes
 * as `run/progress`, each measured trial as `tune/trial`, the end as `tune/finished` or `run/failed`.
 */
export const StartTuningRequest: RequestDescriptor<StartTuningParams, StartTuningResult> = { method: 'tune/start' };

/** A measured trial, with what a progress line needs to put it in context. */
export interface TuningTrialProgress {
  trial: TuningTrial;
  /** The tuning's trial limit (`tuning.maxTrials`). */
  maxTrials: number;
  /** The accuracy the tuning must reach (tuning.json's `minimumAccuracy`). */
  minimumAccuracy: number;
}

export interface TuningTrialParams extends TuningTrialProgress {
  runFolder: string;
}

/** Sent by the engine after each trial is measured and saved in tuning.json. */
export const DidMeasureTuningTrialNotification: NotificationDescriptor<TuningTrialParams> = { method: 'tune/trial' };

export interface TuningFinishedParams {
  runFolder: string;
  /** `stopped` when the client asked for it or the time budget ran out mid-search; the tuning can be continued. */
  status: 'finished' | 'stopped';
  summary: TuningSummary;
  /** The written `NAME.tuned.distq.json` (absolute); null when the target was not met or the tuning stopped. */
  tunedConfigPath: string | null;
}

/** Sent by the engine when a tuning ends or was stopped. */
export const DidFinishTuningNotification: NotificationDescriptor<TuningFinishedParams> = { method: 'tune/finished' };

export interface TensorDescription {
  name: string;
  /** `input`, `initializer`, or the op type of the node that produces it. */
  producer: string;
  /** Name of the producing node (empty for inputs and initializers). */
  node: string;
  dataType: string;
  /** A size or a symbolic name (`N`) per dimension; null when unknown. */
  shape: Dim[] | null;
}

export interface ModelDescription {
  path: string;
  opset: number;
  producer: string;
  inputs: string[];
  outputs: string[];
  tensors: TensorDescription[];
}

export interface DescribeModelParams {
  modelPath: string;
}

/** Sent by the client for IntelliSense: every tensor of a model with shape and producing op. */
export const DescribeModelRequest: RequestDescriptor<DescribeModelParams, ModelDescription> = { method: 'model/describe' };

export interface InspectQuantErrorParams {
  modelPath: string;
  /** `mnist` or an .npz file. */
  data: string;
  weightBits: number;
  activationBits: number;
}

export interface InspectReport {
  model: string;
  bits: { weights: number; activations: number };
  accuracy: { fp32: number; ptqFakeQuant: number; ptqInt8: number };
  layers: LayerErrorReport;
}

/** Sent by the client to calibrate and quantize a model (PTQ) and measure its per-layer error, without training. */
export const InspectQuantErrorRequest: RequestDescriptor<InspectQuantErrorParams, InspectReport> = { method: 'inspect/quantError' };

export interface EvaluateModelParams {
  modelPath: string;
  /** A config's `data` section (kind and settings, defaults left out), with absolute paths. */
  data: { kind: string } & Record<string, unknown>;
  /** At most this many test examples, spread over the test set, so the answer comes in about a second. */
  maxExamples: number;
}

export interface ModelEvaluation {
  /** In [0, 1], on `examples` test examples. */
  accuracy: number;
  examples: number;
  /** Classes of the data. */
  classCount: number;
  /** The share of the most common label among the examples: what always guessing it scores. */
  majorityShare: number;
}

/** Sent by the client (the New Config wizard) to learn whether a model is trained: its accuracy on part of the test data, in full precision. */
export const EvaluateModelRequest: RequestDescriptor<EvaluateModelParams, ModelEvaluation> = { method: 'model/evaluate' };

/** What a long-running engine command is doing (the `distq` CLI prints it too). */
export interface ProgressReport {
  phase: string;
  epoch?: number;
  epochs?: number;
  step?: number;
  steps?: number;
  loss?: number;
}

/** A run's progress as engine commands report it (phase, epoch, step, loss), for one run folder. */
export interface RunProgressParams extends ProgressReport {
  runFolder: string;
  /** Seconds left in the training phase, estimated from the pace so far. */
  etaSeconds?: number;
}

/** Sent by the engine while a run goes, at most a few times a second. */
export const DidReportProgressNotification: NotificationDescriptor<RunProgressParams> = { method: 'run/progress' };

export interface RunMetricsParams {
  runFolder: string;
  /** New records since the last notification, in order (the same lines metrics.jsonl gets). */
  records: MetricsRecord[];
}

/** Sent by the engine with metrics, batched (at most a few notifications a second). */
export const DidReportMetricsNotification: NotificationDescriptor<RunMetricsParams> = { method: 'run/metrics' };

export interface RunLayerErrorsParams {
  runFolder: string;
  stage: 'ptq' | 'final';
  report: LayerErrorReport;
}

/** Sent by the engine when a per-layer error report is ready (after calibration, and at the end). */
export const DidReportLayerErrorsNotification: NotificationDescriptor<RunLayerErrorsParams> = { method: 'run/layerErrors' };

export interface RunFinishedParams {
  runFolder: string;
  /** `stopped` when the client asked for it; the run can be resumed. */
  status: 'finished' | 'stopped';
  summary?: RunSummary;
  message?: string;
}

/** Sent by the engine when a run ends normally or was stopped. */
export const DidFinishRunNotification: NotificationDescriptor<RunFinishedParams> = { method: 'run/finished' };

export interface RunFailedParams {
  runFolder?: string;
  /** One line: what went wrong, naming the file, node or setting. */
  message: string;
}

/** Sent by the engine when a run fails (bad input, a diverging loss, an engine error). */
export const DidFailRunNotification: NotificationDescriptor<RunFailedParams> = { method: 'run/failed' };

export interface LogParams {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Sent by the engine for the log channel. */
export const LogNotification: NotificationDescriptor<LogParams> = { method: 'log' };
