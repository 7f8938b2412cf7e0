/**
 * The extension's side of the engine process: starts `dist/engine.js serve` on first
 * use, speaks the JSON-RPC protocol of contracts/engineProtocol.ts over IPC, turns the
 * engine's notifications into events, and restarts it after a crash on the next
 * use, until it has crashed too often. No engine starts in an untrusted workspace.
 */
import * as vscode from 'vscode';
import type { ChildProcess } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DescribeModelRequest, EvaluateModelRequest, DidFailRunNotification, DidFinishRunNotification, DidReportLayerErrorsNotification, DidReportMetricsNotification,
  DidReportProgressNotification, InitializeRequest, InspectQuantErrorRequest, LogNotification, PROTOCOL_VERSION, StartRunRequest, StopRunRequest,
  DidFinishTuningNotification, DidMeasureTuningTrialNotification, StartTuningRequest,
  type StartTuningParams, type StartTuningResult, type TuningFinishedParams, type TuningTrialParams,
  type EvaluateModelParams, type InspectQuantErrorParams, type ModelEvaluation, type InspectReport, type LogParams, type ModelDescription, type RunFailedParams, type RunFinishedParams,
  type RunLayerErrorsParams, type RunMetricsParams, type RunProgressParams, type StartRunParams, type StartRunResult, type StopRunResult,
} from '../../contracts/engineProtocol.ts';
import type { ModelDescriptionSource } from '../configAuthoring/modelDescriptions.ts';
import { Disposable } from '../disposable.ts';
import { forkEngine, killEngine, type EngineLaunch } from './engineProcess.ts';
import { notificationType, requestType } from './jsonRpcTypes.ts';
import { EngineGaveUpError, ProtocolMismatchError, UntrustedWorkspaceError } from './engineErrors.ts';
import { LineSplitter, RecentLines } from './recentLines.ts';
import { RestartPolicy } from './restartPolicy.ts';

/** `crashed`: ended unexpectedly, restarts on next use; `gaveUp`: crashed too often, needs the user. */
export type EngineState = 'notStarted' | 'starting' | 'ready' | 'crashed' | 'gaveUp' | 'disposed';

export interface EngineCrash {
  exitCode: number | null;
  signal: string | null;
  /** The engine's last output lines, oldest first. */
  lastLines: string[];
  /** True when DistQ will not restart the engine until the user asks. */
  gaveUp: boolean;
  crashesInWindow: number;
}

export interface EngineClientOptions {
  launch: () => EngineLaunch;
  log: vscode.LogOutputChannel;
  isTrusted: () => boolean;
  maxRestarts: () => number;
}

const INITIALIZE_TIMEOUT_MS = 30_000;
const CRASH_REPORT_LINES = 8;

export class EngineClient extends Disposable implements ModelDescriptionSource {
  private readonly progressEmitter = this.register(new vscode.EventEmitter<RunProgressParams>());
  private readonly metricsEmitter = this.register(new vscode.EventEmitter<RunMetricsParams>());
  private readonly layerErrorsEmitter = this.register(new vscode.EventEmitter<RunLayerErrorsParams>());
  private readonly finishedEmitter = this.register(new vscode.EventEmitter<RunFinishedParams>());
  private readonly failedEmitter = this.register(new vscode.EventEmitter<RunFailedParams>());
  private readonly tuningTrialEmitter = this.register(new vscode.EventEmitter<TuningTrialParams>());
  private readonly tuningFinishedEmitter = this.register(new vscode.EventEmitter<TuningFinishedParams>());
  private readonly crashEmitter = this.register(new vscode.EventEmitter<EngineCrash>());
  private readonly stateEmitter = this.register(new vscode.EventEmitter<EngineState>());

  /** The engine's `run/progress` notifications. */
  readonly onDidReportProgress = this.progressEmitter.event;
  readonly onDidReportMetrics = this.metricsEmitter.event;
  readonly onDidReportLayerErrors = this.layerErrorsEmitter.event;
  readonly onDidFinishRun = this.finishedEmitter.event;
  readonly onDidFailRun = this.failedEmitter.event;
  /** `tune/trial`: a tuning trial was measured and saved. */
  readonly onDidMeasureTuningTrial = this.tuningTrialEmitter.event;
  /** `tune/finished`: a tuning finished or stopped (it fails with `run/failed`). */
  readonly onDidFinishTuning = this.tuningFinishedEmitter.event;
  /** The engine process ended without being asked to. */
  readonly onDidCrash = this.crashEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;

  private child: ChildProcess | undefined;
  private connection: MessageConnection | undefined;
  private starting: Promise<MessageConnection> | undefined;
  /** Processes this client ended on purpose: their exit is no crash. */
  private readonly endedOnPurpose = new WeakSet<ChildProcess>();
  private readonly recentLines = new RecentLines();
  private readonly restartPolicy: RestartPolicy;
  private currentState: EngineState = 'notStarted';

  constructor(private readonly options: EngineClientOptions) {
    super();
    this.restartPolicy = new RestartPolicy(options.maxRestarts);
    this.register({ dispose: () => this.endProcess('the extension is shutting down') });
  }

  get state(): EngineState {
    return this.currentState;
  }

  /** The engine's process id, for tests and the log; undefined when none runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async describe(modelPath: string): Promise<ModelDescription> {
    const connection = await this.connect('Describing a model');
    return connection.sendRequest(requestType(DescribeModelRequest), { modelPath });
  }

  /** A model's accuracy on part of the test data (the New Config wizard's check for an untrained student). */
  async evaluate(params: EvaluateModelParams): Promise<ModelEvaluation> {
    const connection = await this.connect('Evaluating a model');
    return connection.sendRequest(requestType(EvaluateModelRequest), params);
  }

  /** Starts a run; resolves with its run folder once the engine has created it. */
  async startRun(params: StartRunParams): Promise<StartRunResult> {
    const connection = await this.connect('A DistQ run');
    return connection.sendRequest(requestType(StartRunRequest), params);
  }

  /** Starts tuning a finished run to the config's accuracy target; resolves with the run folder once it has started. Stopped with `stopRun`. */
  async startTuning(params: StartTuningParams): Promise<StartTuningResult> {
    const connection = await this.connect('Tuning');
    return connection.sendRequest(requestType(StartTuningRequest), params);
  }

  /** Asks the engine to stop the run between steps; never starts an engine just to stop nothing. */
  async stopRun(runFolder: string): Promise<StopRunResult> {
    if (!this.connection) return { stopping: false };
    return this.connection.sendRequest(requestType(StopRunRequest), { runFolder });
  }

  async inspect(params: InspectQuantErrorParams): Promise<InspectReport> {
    const connection = await this.connect('Inspecting a model');
    return connection.sendRequest(requestType(InspectQuantErrorRequest), params);
  }

  /** Ends the engine process on purpose (a run that did not stop in time); not counted as a crash. */
  endProcess(reason: string): void {
    const child = this.child;
    if (!child) return;
    this.options.log.warn(`ending the engine process (pid ${child.pid ?? '?'}): ${reason}`);
    this.endedOnPurpose.add(child);
    killEngine(child);
  }

  /** Forgets past crashes so the next use starts the engine again. */
  resetRestarts(): void {
    this.restartPolicy.reset();
    if (this.currentState === 'gaveUp') this.setState('notStarted');
  }

  override dispose(): void {
    super.dispose();
    this.currentState = 'disposed';
  }

  private async connect(action: string): Promise<MessageConnection> {
    if (this.isDisposed) throw new Error('DistQ is shutting down.');
    if (!this.options.isTrusted()) throw new UntrustedWorkspaceError(action);
    if (this.connection) return this.connection;
    if (!this.restartPolicy.mayRestart(Date.now())) throw new EngineGaveUpError(this.restartPolicy.crashCount(Date.now()));
    if (!this.starting) {
      this.starting = this.launch().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async launch(): Promise<MessageConnection> {
    const launch = this.options.launch();
    const log = this.options.log;
    this.setState('starting');
    this.recentLines.clear();
    log.info(`starting the engine: ${launch.execPath} ${launch.enginePath} serve`);
    const child = forkEngine(launch);
    this.child = child;
    this.pipeOutput(child);
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    this.wireNotifications(connection);
    connection.listen();

    const ended = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`The DistQ engine could not start: ${error.message}`)));
      child.once('exit', (code, signal) => {
        this.onExit(child, connection, code, signal);
        const lastLine = this.recentLines.last(1)[0];
        reject(new Error(`The DistQ engine ended while starting (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine}` : ''}. See the DistQ Engine log.`));
      });
    });
    ended.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The DistQ engine did not answer within ${INITIALIZE_TIMEOUT_MS / 1000} s.`)), INITIALIZE_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([connection.sendRequest(requestType(InitializeRequest), { clientName: 'distq-vscode' }), ended, timeout]);
      if (result.protocolVersion !== PROTOCOL_VERSION) throw new ProtocolMismatchError(result.protocolVersion, PROTOCOL_VERSION);
      log.info(`engine ${result.engineVersion} ready (pid ${child.pid ?? '?'}, protocol ${result.protocolVersion})`);
      this.connection = connection;
      this.setState('ready');
      return connection;
    } catch (error) {
      if (this.child === child) {
        this.endedOnPurpose.add(child);
        killEngine(child);
        this.child = undefined;
        connection.dispose();
        this.setState('notStarted');
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private pipeOutput(child: ChildProcess): void {
    const log = this.options.log;
    const forward = (stream: NodeJS.ReadableStream | null, write: (line: string) => void): void => {
      if (!stream) return;
      const splitter = new LineSplitter();
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => splitter.feed(chunk).forEach(write));
      stream.on('end', () => {
        const rest = splitter.flush();
        if (rest) write(rest);
      });
    };
    forward(child.stdout, (line) => {
      this.recentLines.push(line);
      log.info(`[engine] ${line}`);
    });
    forward(child.stderr, (line) => {
      this.recentLines.push(line);
      log.warn(`[engine] ${line}`);
    });
  }

  private wireNotifications(connection: MessageConnection): void {
    connection.onNotification(notificationType(DidReportProgressNotification), (params) => this.progressEmitter.fire(params));
    connection.onNotification(notificationType(DidReportMetricsNotification), (params) => this.metricsEmitter.fire(params));
    connection.onNotification(notificationType(DidReportLayerErrorsNotification), (params) => this.layerErrorsEmitter.fire(params));
    connection.onNotification(notificationType(DidFinishRunNotification), (params) => this.finishedEmitter.fire(params));
    connection.onNotification(notificationType(DidFailRunNotification), (params) => this.failedEmitter.fire(params));
    connection.onNotification(notificationType(DidMeasureTuningTrialNotification), (params) => this.tuningTrialEmitter.fire(params));
    connection.onNotification(notificationType(DidFinishTuningNotification), (params) => this.tuningFinishedEmitter.fire(params));
    connection.onNotification(notificationType(LogNotification), (params) => this.logFromEngine(params));
  }

  private logFromEngine(params: LogParams): void {
    this.recentLines.push(params.message);
    const log = this.options.log;
    switch (params.level) {
      case 'info': log.info(params.message); break;
      case 'warning': log.warn(params.message); break;
      case 'error': log.error(params.message); break;
      default: {
        const unknownLevel: never = params.level;
        log.info(`${String(unknownLevel)}: ${params.message}`);
      }
    }
  }

  private onExit(child: ChildProcess, connection: MessageConnection, exitCode: number | null, signal: NodeJS.Signals | null): void {
    // Pending requests reject once the connection is gone.
    connection.dispose();
    if (this.child !== child) return;
    this.child = undefined;
    this.connection = undefined;
    if (this.isDisposed) return;
    if (this.endedOnPurpose.has(child)) {
      this.options.log.info(`engine ended (${signal ?? `exit code ${exitCode}`})`);
      this.setState('notStarted');
      return;
    }
    const now = Date.now();
    const wasStarting = this.currentState === 'starting';
    const mayRestart = this.restartPolicy.recordCrash(now);
    this.options.log.error(`engine crashed (${signal ?? `exit code ${exitCode}`})${mayRestart ? '; it restarts on next use' : '; not restarting it again'}`);
    this.setState(mayRestart ? 'crashed' : 'gaveUp');
    // A crash while starting reaches the user as the failed request's error instead.
    if (wasStarting) return;
    this.crashEmitter.fire({
      exitCode, signal, lastLines: this.recentLines.last(CRASH_REPORT_LINES), gaveUp: !mayRestart, crashesInWindow: this.restartPolicy.crashCount(now),
    });
  }

  private setState(state: EngineState): void {
    if (this.currentState === state || this.currentState === 'disposed') return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}
