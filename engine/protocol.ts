/**
 * The extension ↔ engine protocol: JSON-RPC over Node IPC (vscode-jsonrpc). Both
 * sides import these constants and types; payloads are plain JSON.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { MetricsRecord } from './training/metrics.ts';
import type { RunSummary } from './commands/run.ts';
import type { ModelDescription } from './commands/describe.ts';
import type { InspectReport } from './commands/inspect.ts';
import type { LayerErrorReport } from './analysis/layerErrors.ts';
import type { ProgressReport } from './commands/reporter.ts';

export type { MetricsRecord, StepMetrics, EpochMetrics } from './training/metrics.ts';
export type { RunSummary } from './commands/run.ts';
export type { ModelDescription, TensorDescription } from './commands/describe.ts';
export type { InspectReport } from './commands/inspect.ts';
export type { LayerErrorReport, LayerError } from './analysis/layerErrors.ts';

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
export const InitializeRequest = new RequestType<InitializeParams, InitializeResult, void>('engine/initialize');

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
export const StartRunRequest = new RequestType<StartRunParams, StartRunResult, void>('run/start');

export interface StopRunParams {
  runFolder: string;
}

export interface StopRunResult {
  /** False when no such run was active. */
  stopping: boolean;
}

/** Sent by the client to stop a run cleanly: the engine stops between steps and keeps the last checkpoint. */
export const StopRunRequest = new RequestType<StopRunParams, StopRunResult, void>('run/stop');

export interface DescribeModelParams {
  modelPath: string;
}

/** Sent by the client for IntelliSense: every tensor of a model with shape and producing op. */
export const DescribeModelRequest = new RequestType<DescribeModelParams, ModelDescription, void>('model/describe');

export interface InspectQuantErrorParams {
  modelPath: string;
  /** `mnist` or an .npz file. */
  data: string;
  weightBits: number;
  activationBits: number;
}

/** Sent by the client to calibrate and quantize a model (PTQ) and measure its per-layer error, without training. */
export const InspectQuantErrorRequest = new RequestType<InspectQuantErrorParams, InspectReport, void>('inspect/quantError');

/** A run's progress as engine commands report it (phase, epoch, step, loss), for one run folder. */
export interface RunProgressParams extends ProgressReport {
  runFolder: string;
  /** Seconds left in the training phase, estimated from the pace so far. */
  etaSeconds?: number;
}

/** Sent by the engine while a run goes, at most a few times a second. */
export const DidReportProgressNotification = new NotificationType<RunProgressParams>('run/progress');

export interface RunMetricsParams {
  runFolder: string;
  /** New records since the last notification, in order (the same lines metrics.jsonl gets). */
  records: MetricsRecord[];
}

/** Sent by the engine with metrics, batched (at most a few notifications a second). */
export const DidReportMetricsNotification = new NotificationType<RunMetricsParams>('run/metrics');

export interface RunLayerErrorsParams {
  runFolder: string;
  stage: 'ptq' | 'final';
  report: LayerErrorReport;
}

/** Sent by the engine when a per-layer error report is ready (after calibration, and at the end). */
export const DidReportLayerErrorsNotification = new NotificationType<RunLayerErrorsParams>('run/layerErrors');

export interface RunFinishedParams {
  runFolder: string;
  /** `stopped` when the client asked for it; the run can be resumed. */
  status: 'finished' | 'stopped';
  summary?: RunSummary;
  message?: string;
}

/** Sent by the engine when a run ends normally or was stopped. */
export const DidFinishRunNotification = new NotificationType<RunFinishedParams>('run/finished');

export interface RunFailedParams {
  runFolder?: string;
  /** One line: what went wrong, naming the file, node or setting. */
  message: string;
}

/** Sent by the engine when a run fails (bad input, a diverging loss, an engine error). */
export const DidFailRunNotification = new NotificationType<RunFailedParams>('run/failed');

export interface LogParams {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Sent by the engine for the log channel. */
export const LogNotification = new NotificationType<LogParams>('log');
