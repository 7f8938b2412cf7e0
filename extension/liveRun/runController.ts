/**
 * The one run this window drives: starts it on the engine, follows its progress in
 * a notification and the status bar, stops it (a stop request, then the kill after
 * a grace period) and tells the user how it ended.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFinishedParams, RunMetricsParams, RunProgressParams } from '../../contracts/engineProtocol.ts';
import type { EpochAccuracy, RunSummary } from '../../contracts/runFiles.ts';
import type { ContextKeys } from '../contextKeys.ts';
import { Disposable } from '../disposable.ts';
import type { EngineClient } from '../engine/engineClient.ts';
import { oneLine } from '../engine/engineErrors.ts';
import type { Notifier } from '../notifier.ts';
import { failedMessage, finishedMessage, killedMessage, stoppedMessage, summaryVerdict } from './runMessages.ts';
import { accuracyTolerancePp } from '../accuracyTolerance.ts';
import { RunProgressNotification } from './runProgressNotification.ts';
import { OpenOutcomeToasts } from './openOutcomeToasts.ts';
import { settingOfMessage, type SettingPath } from '../../contracts/configSettingPath.ts';
import { revealConfigSetting } from '../configs/revealConfigSetting.ts';
import type { RunStatusBar } from './runStatusBar.ts';

/** How long a stopped run may take to reach the end of its current step before the engine is killed. */
export const STOP_GRACE_MS = 15_000;

export interface ActiveRun {
  configPath: string;
  name: string;
  /** Known once the engine has created it. */
  runFolder?: string;
  resumed: boolean;
  progress?: RunProgressParams;
  lastEpoch?: EpochAccuracy;
  stopping: boolean;
}

export type RunEnd = 'finished' | 'stopped' | 'failed' | 'killed' | 'crashed';

export interface RunOutcome {
  configPath: string;
  runFolder?: string;
  status: RunEnd;
  /** What the user was told. */
  message: string;
  summary?: RunSummary;
  /** The config setting a failure's cause names ("Go to Problem" selects it). */
  problemSetting?: SettingPath;
}

const OPEN_DASHBOARD = 'Open Dashboard';
const SHOW_LOG = 'Show Log';
const GO_TO_PROBLEM = 'Go to Problem';
const RESUME = 'Resume';

/** Moves every toast on screen to the notification centre; a host without the command leaves them. */
async function hideToasts(): Promise<void> {
  try {
    await vscode.commands.executeCommand('notifications.hideToasts');
  } catch {
    // Not fatal: the old outcome stays beside the new progress.
  }
}

function runNameOf(configPath: string): string {
  return path.basename(configPath).replace(/\.distq\.json$/, '');
}

export class RunController extends Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<ActiveRun | undefined>());
  private readonly endEmitter = this.register(new vscode.EventEmitter<RunOutcome>());
  /** The active run started, changed (folder, epoch, stopping) or ended. */
  readonly onDidChangeActiveRun = this.changeEmitter.event;
  readonly onDidEndRun = this.endEmitter.event;

  private run: ActiveRun | undefined;
  private notification: RunProgressNotification | undefined;
  private stopTimer: NodeJS.Timeout | undefined;
  private readonly endWaiters: ((outcome: RunOutcome) => void)[] = [];
  private readonly outcomeToasts = new OpenOutcomeToasts();

  constructor(
    private readonly client: EngineClient,
    private readonly notifier: Notifier,
    private readonly statusBar: RunStatusBar,
    private readonly contextKeys: ContextKeys,
  ) {
    super();
    this.register(client.onDidReportProgress((params) => this.onProgress(params)));
    this.register(client.onDidReportMetrics((params) => this.onMetrics(params)));
    this.register(client.onDidFinishRun((params) => this.onFinished(params)));
    this.register(client.onDidFailRun((params) => this.fail(params.message)));
    // The crash reporter tells the user; here the run just ends.
    this.register(client.onDidCrash(() => this.end({ status: 'crashed', message: 'the engine crashed' })));
    this.register({ dispose: () => clearTimeout(this.stopTimer) });
  }

  get active(): ActiveRun | undefined {
    return this.run;
  }

  /** Starts a run of a config (or resumes a run folder); resolves with the run folder, or undefined when it did not start. */
  async start(configPath: string, resumeFrom?: string): Promise<string | undefined> {
    if (this.run) {
      void this.notifier.warn(`A DistQ run is already going (${this.run.name}); stop it first.`);
      return undefined;
    }
    const run: ActiveRun = { configPath, name: runNameOf(configPath), runFolder: resumeFrom, resumed: resumeFrom !== undefined, stopping: false };
    this.run = run;
    this.contextKeys.set('distq.running', true);
    this.showStatus();
    this.changeEmitter.fire(run);
    try {
      // The previous run of this config may have left its outcome on screen: it gives way to this run's progress (openOutcomeToasts.ts).
      if (this.outcomeToasts.isOpen(configPath)) await hideToasts();
      if (this.run !== run) return undefined;
      this.notification = new RunProgressNotification(`DistQ: ${resumeFrom ? 'resuming' : 'running'} ${run.name}`, () => void this.stop());
      const { runFolder } = await this.client.startRun({ configPath, resumeFrom });
      if (this.run === run) {
        run.runFolder = runFolder;
        this.changeEmitter.fire(run);
      }
      return runFolder;
    } catch (error) {
      if (this.run === run) this.fail(oneLine(error));
      return undefined;
    }
  }

  /** Stops the active run: between steps with its checkpoint kept, or by ending the engine after the grace period. Resolves when it has ended. */
  async stop(): Promise<RunOutcome | undefined> {
    const run = this.run;
    if (!run) {
      void this.notifier.info('No DistQ run is going.');
      return undefined;
    }
    const ended = new Promise<RunOutcome>((resolve) => this.endWaiters.push(resolve));
    if (run.stopping) return ended;
    run.stopping = true;
    this.notification?.stopping();
    this.showStatus();
    this.changeEmitter.fire(run);
    this.stopTimer = setTimeout(() => {
      if (this.run !== run) return;
      this.client.endProcess(`the run did not stop within ${STOP_GRACE_MS / 1000} s`);
      this.end({ status: 'killed', message: killedMessage(run.name, STOP_GRACE_MS / 1000) });
    }, STOP_GRACE_MS);
    try {
      // Before the run folder is known the engine stops whatever run it has (it runs one at a time).
      await this.client.stopRun(run.runFolder ?? '');
    } catch {
      // The engine is gone or going; the grace timer or the crash ends the run.
    }
    return ended;
  }

  private onProgress(params: RunProgressParams): void {
    const run = this.run;
    if (!run) return;
    run.progress = params;
    if (!run.stopping) this.notification?.report(params);
    this.showStatus();
  }

  private onMetrics(params: RunMetricsParams): void {
    const run = this.run;
    if (!run) return;
    const epochs = params.records.filter((record) => record.type === 'epoch');
    const last = epochs[epochs.length - 1];
    if (last?.type !== 'epoch') return;
    run.lastEpoch = { epoch: last.epoch, accuracy: { ...last.accuracy } };
    this.changeEmitter.fire(run);
  }

  private onFinished(params: RunFinishedParams): void {
    const name = this.run?.name ?? path.basename(params.runFolder);
    if (params.status === 'finished') this.end({ status: 'finished', message: finishedMessage(name, params.summary, accuracyTolerancePp()), summary: params.summary, runFolder: params.runFolder });
    else this.end({ status: 'stopped', message: stoppedMessage(name), runFolder: params.runFolder });
  }

  /** The run failed; a cause that names a config setting lets the user go to it. */
  private fail(cause: string): void {
    const problemSetting = settingOfMessage(cause);
    this.end({ status: 'failed', message: failedMessage(this.run?.name ?? 'run', cause), ...(problemSetting ? { problemSetting } : {}) });
  }

  private end(outcome: Omit<RunOutcome, 'configPath'>): void {
    const run = this.run;
    if (!run) return;
    clearTimeout(this.stopTimer);
    this.stopTimer = undefined;
    this.run = undefined;
    this.notification?.end();
    this.notification = undefined;
    this.statusBar.hide();
    this.contextKeys.set('distq.running', false);
    const full: RunOutcome = { ...outcome, configPath: run.configPath, runFolder: outcome.runFolder ?? run.runFolder };
    this.tellUser(full);
    for (const resolve of this.endWaiters.splice(0)) resolve(full);
    this.endEmitter.fire(full);
    this.changeEmitter.fire(undefined);
  }

  private tellUser(outcome: RunOutcome): void {
    const folderUri = outcome.runFolder ? vscode.Uri.file(outcome.runFolder) : undefined;
    const show = (message: Thenable<string | undefined>): void => {
      this.outcomeToasts.track(outcome.configPath, message);
      void message.then(act);
    };
    const act = (choice: string | undefined): void => {
      if (choice === OPEN_DASHBOARD && folderUri) void vscode.commands.executeCommand('distq.openDashboard', folderUri);
      if (choice === RESUME && folderUri) void vscode.commands.executeCommand('distq.resume', folderUri);
      if (choice === SHOW_LOG) void vscode.commands.executeCommand('distq.showLog');
      if (choice === GO_TO_PROBLEM && outcome.problemSetting) void revealConfigSetting(outcome.configPath, outcome.problemSetting);
    };
    switch (outcome.status) {
      case 'finished': {
        // Below its goal, a finished run is a warning: it ran, but its INT8 model is not good enough yet.
        const below = outcome.summary !== undefined && summaryVerdict(outcome.summary, accuracyTolerancePp()).verdict === 'below';
        const actions = folderUri ? [OPEN_DASHBOARD] : [];
        show(below ? this.notifier.warn(outcome.message, ...actions) : this.notifier.info(outcome.message, ...actions));
        break;
      }
      case 'stopped': show(this.notifier.info(outcome.message, ...(folderUri ? [RESUME, OPEN_DASHBOARD] : []))); break;
      case 'failed': show(this.notifier.error(outcome.message, ...(outcome.problemSetting ? [GO_TO_PROBLEM] : []), SHOW_LOG)); break;
      case 'killed': show(this.notifier.warn(outcome.message, SHOW_LOG)); break;
      case 'crashed': break;
      default: {
        const unknownStatus: never = outcome.status;
        throw new Error(`unknown run end ${String(unknownStatus)}`);
      }
    }
  }

  private showStatus(): void {
    if (this.run) this.statusBar.show(this.run.name, this.run.progress, this.run.stopping);
  }
}
