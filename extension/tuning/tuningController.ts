/**
 * The one tuning this window drives: starts it on the engine (`tune/start`), shows each measured
 * trial in a cancellable notification, stops it with `run/stop`, and tells the user how it ended
 * with the Pareto panel and the tuned config a click away.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFailedParams, RunProgressParams, TuningFinishedParams, TuningTrialParams } from '../../contracts/engineProtocol.ts';
import type { ContextKeys } from '../contextKeys.ts';
import { Disposable } from '../disposable.ts';
import type { EngineClient } from '../engine/engineClient.ts';
import { oneLine } from '../engine/engineErrors.ts';
import type { Notifier } from '../notifier.ts';
import { progressText } from '../panels/runStatus.ts';
import { sameFolder } from '../panels/panelHost.ts';
import { readTuningFile } from '../runHistory/runFolderReader.ts';
import { TuningProgressNotification } from './tuningProgressNotification.ts';
import { trialProgressMessage, tuningEndMessage } from './tuningText.ts';

export const OPEN_PARETO = 'Open Pareto';
export const OPEN_TUNED_CONFIG = 'Open Tuned Config';
const SHOW_LOG = 'Show Log';

export interface ActiveTuning {
  configPath: string;
  /** Known once the engine answered tune/start. */
  runFolder?: string;
  trials: number;
  stopping: boolean;
}

export type TuningEndStatus = 'finished' | 'stopped' | 'failed' | 'crashed';

export interface TuningOutcome {
  configPath: string;
  runFolder?: string;
  status: TuningEndStatus;
  /** What the user was told. */
  message: string;
  tunedConfigPath?: string | null;
}

export class TuningController extends Disposable {
  private readonly endEmitter = this.register(new vscode.EventEmitter<TuningOutcome>());
  readonly onDidEndTuning = this.endEmitter.event;
  private tuning: ActiveTuning | undefined;
  private notification: TuningProgressNotification | undefined;

  constructor(
    private readonly client: EngineClient,
    private readonly notifier: Notifier,
    private readonly contextKeys: ContextKeys,
    /** Opens the Pareto panel of a run folder (following the tuning when it is this one). */
    private readonly openPareto: (runFolder: string) => void,
  ) {
    super();
    this.register(client.onDidMeasureTuningTrial((params) => this.onTrial(params)));
    this.register(client.onDidFinishTuning((params) => void this.onFinished(params)));
    this.register(client.onDidFailRun((params) => this.onFailed(params)));
    this.register(client.onDidReportProgress((params) => this.onProgress(params)));
    this.register(client.onDidCrash(() => this.end({ status: 'crashed', message: 'the engine crashed' })));
  }

  get active(): ActiveTuning | undefined {
    return this.tuning;
  }

  /** Starts tuning (the config's latest finished run, or `runFolder`); resolves with the run folder, or undefined when it did not start. */
  async start(configPath: string, runFolder?: string): Promise<string | undefined> {
    if (this.tuning) {
      void this.notifier.warn(`A DistQ tuning is already going (${this.nameOf(this.tuning)}); stop it first.`);
      return undefined;
    }
    const tuning: ActiveTuning = { configPath, ...(runFolder ? { runFolder } : {}), trials: 0, stopping: false };
    this.tuning = tuning;
    this.contextKeys.set('distq.tuning', true);
    this.notification = new TuningProgressNotification(`DistQ: tuning ${this.nameOf(tuning)} to its accuracy target`, () => void this.stop());
    this.notification.report('starting…');
    try {
      const result = await this.client.startTuning({ configPath, ...(runFolder ? { runFolder } : {}) });
      if (this.tuning === tuning) tuning.runFolder = result.runFolder;
      return result.runFolder;
    } catch (error) {
      if (this.tuning === tuning) this.end({ status: 'failed', message: `DistQ tuning of ${this.nameOf(tuning)} did not start: ${oneLine(error)}` });
      return undefined;
    }
  }

  /** Asks the engine to stop the tuning; it ends with `tune/finished` (stopped) and can be continued. */
  async stop(): Promise<void> {
    const tuning = this.tuning;
    if (!tuning) {
      void this.notifier.info('No DistQ tuning is going.');
      return;
    }
    if (tuning.stopping) return;
    tuning.stopping = true;
    this.notification?.report('stopping after the current step…');
    try {
      await this.client.stopRun(tuning.runFolder ?? '');
    } catch {
      // The engine is gone or going: the crash ends the tuning.
    }
  }

  private isOurs(runFolder: string | undefined): boolean {
    const tuning = this.tuning;
    // Before tune/start answers, the engine's only job is this tuning.
    return tuning !== undefined && (tuning.runFolder === undefined || runFolder === undefined || sameFolder(runFolder, tuning.runFolder));
  }

  private onProgress(params: RunProgressParams): void {
    const tuning = this.tuning;
    // Before the first trial is measured, say what the engine is doing; afterwards the trial line stays.
    if (!tuning || tuning.trials > 0 || tuning.stopping || !this.isOurs(params.runFolder)) return;
    this.notification?.report(progressText(params));
  }

  private onTrial(params: TuningTrialParams): void {
    const tuning = this.tuning;
    if (!tuning || !this.isOurs(params.runFolder)) return;
    tuning.runFolder ??= params.runFolder;
    tuning.trials = Math.max(tuning.trials, params.trial.index + 1);
    if (tuning.stopping) return;
    this.notification?.report(trialProgressMessage(params), params.trial.index + 1, params.maxTrials);
  }

  private async onFinished(params: TuningFinishedParams): Promise<void> {
    const tuning = this.tuning;
    if (!tuning || !this.isOurs(params.runFolder)) return;
    const file = await readTuningFile(params.runFolder);
    const { text, tone } = tuningEndMessage(path.basename(params.runFolder), params.status, file);
    this.end({ status: params.status, message: text, runFolder: params.runFolder, tunedConfigPath: params.tunedConfigPath }, tone);
  }

  private onFailed(params: RunFailedParams): void {
    const tuning = this.tuning;
    if (!tuning || !this.isOurs(params.runFolder)) return;
    this.end({ status: 'failed', message: `DistQ tuning of ${this.nameOf(tuning)} failed: ${params.message}` });
  }

  private nameOf(tuning: ActiveTuning): string {
    return tuning.runFolder ? path.basename(tuning.runFolder) : path.basename(tuning.configPath).replace(/\.distq\.jsonc?$/, '');
  }

  private end(outcome: Omit<TuningOutcome, 'configPath'>, tone: 'info' | 'warn' = 'info'): void {
    const tuning = this.tuning;
    if (!tuning) return;
    this.tuning = undefined;
    this.contextKeys.set('distq.tuning', false);
    this.notification?.end();
    this.notification = undefined;
    const full: TuningOutcome = { ...outcome, configPath: tuning.configPath, runFolder: outcome.runFolder ?? tuning.runFolder };
    this.tellUser(full, tone);
    this.endEmitter.fire(full);
  }

  private tellUser(outcome: TuningOutcome, tone: 'info' | 'warn'): void {
    const runFolder = outcome.runFolder;
    const tuned = outcome.tunedConfigPath ?? undefined;
    const act = (choice: string | undefined): void => {
      if (choice === OPEN_PARETO && runFolder) this.openPareto(runFolder);
      if (choice === OPEN_TUNED_CONFIG && tuned) void vscode.window.showTextDocument(vscode.Uri.file(tuned));
      if (choice === SHOW_LOG) void vscode.commands.executeCommand('distq.showLog');
    };
    switch (outcome.status) {
      case 'finished':
      case 'stopped': {
        const actions = [...(runFolder ? [OPEN_PARETO] : []), ...(tuned ? [OPEN_TUNED_CONFIG] : [])];
        void (tone === 'warn' ? this.notifier.warn(outcome.message, ...actions) : this.notifier.info(outcome.message, ...actions)).then(act);
        return;
      }
      case 'failed':
        void this.notifier.error(outcome.message, ...(runFolder ? [OPEN_PARETO] : []), SHOW_LOG).then(act);
        return;
      case 'crashed':
        return; // The crash reporter tells the user.
      default: {
        const unknownStatus: never = outcome.status;
        throw new Error(`unknown tuning end ${String(unknownStatus)}`);
      }
    }
  }
}
