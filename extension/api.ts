/** What `activate` returns: a small window into the extension for integration tests. */
import type * as vscode from 'vscode';
import type { EngineState } from './engine/engineClient.ts';
import type { UserMessage } from './notifier.ts';
import type { PanelProbe } from './panels/panelProbes.ts';
import type { ActiveRun, RunOutcome } from './liveRun/runController.ts';
import type { RunNode } from './runHistory/runsTreeProvider.ts';
import type { ActiveTuning, TuningOutcome } from './tuning/tuningController.ts';

export interface DistqApi {
  /** Milliseconds `activate` took. */
  readonly activationMs: number;
  /** The last message shown to the user. */
  lastMessage(): UserMessage | undefined;
  /** Every message shown (the most recent 50), oldest first. */
  messages(): readonly UserMessage[];
  engineState(): EngineState;
  /** The engine's process id while one runs. */
  enginePid(): number | undefined;
  activeRun(): ActiveRun | undefined;
  readonly onDidEndRun: vscode.Event<RunOutcome>;
  /** The tuning this window drives, while it goes. */
  activeTuning(): ActiveTuning | undefined;
  readonly onDidEndTuning: vscode.Event<TuningOutcome>;
  readonly runsView: {
    getChildren(): Promise<RunNode[]>;
    getTreeItem(node: RunNode): vscode.TreeItem;
  };
  /** The open panels (dashboard, layers, compare, Pareto), oldest first: what each posted to its webview, and a way to post to it as its webview would. */
  panels(): readonly PanelProbe[];
}
