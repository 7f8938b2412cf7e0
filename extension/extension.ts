/**
 * DistQ's VS Code side. `activate` only creates and registers things; nothing here
 * starts the engine or scans the workspace (the first scan waits until after
 * activation), so activation stays in the low milliseconds.
 */
import * as vscode from 'vscode';
import type { DistqApi } from './api.ts';
import { registerConfigAuthoring } from './configAuthoring/register.ts';
import { registerDashboardCommands } from './commands/dashboardCommands.ts';
import { engineLiveRunSource, engineTuningLiveSource } from './commands/engineLiveRunSource.ts';
import { registerExampleCommand } from './commands/exampleCommand.ts';
import { registerInspectCommand } from './commands/inspectCommand.ts';
import { registerRunCommands } from './commands/runCommands.ts';
import { registerTuneCommands } from './commands/tuneCommands.ts';
import { findConfigs } from './configs/configFiles.ts';
import { CONFIG_GLOB } from './configs/configPaths.ts';
import { RunCodeLensProvider } from './configs/runCodeLens.ts';
import { ContextKeys } from './contextKeys.ts';
import { EngineCrashReporter } from './engine/crashReporter.ts';
import { EngineClient } from './engine/engineClient.ts';
import { Notifier } from './notifier.ts';
import { openPanelProbes } from './panels/panelProbes.ts';
import { openPareto, registerPanelSerializers } from './panels/panels.ts';
import { RunController } from './liveRun/runController.ts';
import { RunStatusBar } from './liveRun/runStatusBar.ts';
import { RunsTreeProvider } from './runHistory/runsTreeProvider.ts';
import { TuningController } from './tuning/tuningController.ts';

/** The first workspace scan (configs, runs) waits this long so it never competes with startup. */
const FIRST_SCAN_DELAY_MS = 1500;

export function activate(context: vscode.ExtensionContext): DistqApi {
  const started = performance.now();
  const subscriptions = context.subscriptions;
  const log = vscode.window.createOutputChannel('DistQ Engine', { log: true });
  subscriptions.push(log);
  const notifier = new Notifier(log);
  const contextKeys = new ContextKeys();
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('distq');

  const client = new EngineClient({
    launch: () => ({
      enginePath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'engine.js').fsPath,
      execPath: settings().get<string>('engine.nodePath', '').trim() || process.execPath,
      cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? context.extensionUri.fsPath,
    }),
    log,
    isTrusted: () => vscode.workspace.isTrusted,
    maxRestarts: () => settings().get<number>('engine.maxRestarts', 3),
  });
  subscriptions.push(client);
  let controller: RunController | undefined;
  // Subscribed before the controller, so it still knows the crashed run's name.
  subscriptions.push(new EngineCrashReporter(client, notifier, () => controller?.active?.name));
  const statusBar = new RunStatusBar();
  subscriptions.push(statusBar);
  controller = new RunController(client, notifier, statusBar, contextKeys);
  subscriptions.push(controller);
  const tuningLive = engineTuningLiveSource(client);
  // The Pareto panel of the tuning going now also follows its notifications; any other reads its folder alone.
  const showPareto = (runFolder: string): void => openPareto(context, runFolder, tuning.active?.runFolder === runFolder ? tuningLive : undefined);
  const tuning = new TuningController(client, notifier, contextKeys, showPareto);
  subscriptions.push(tuning);

  const runsView = new RunsTreeProvider(controller, contextKeys);
  // Multi-select: two or more runs selected, then Compare Runs.
  subscriptions.push(runsView, vscode.window.createTreeView('distq.runs', { treeDataProvider: runsView, showCollapseAll: false, canSelectMany: true }));
  registerPanelSerializers(context);

  subscriptions.push(...registerRunCommands({ controller, notifier, runsView }));
  subscriptions.push(...registerTuneCommands({ tuning, controller, notifier, runsView, openPareto: showPareto }));
  subscriptions.push(...registerDashboardCommands({ extension: context, controller, live: engineLiveRunSource(client), notifier, runsView, log }));
  subscriptions.push(registerInspectCommand({ extension: context, client, notifier }));
  subscriptions.push(registerExampleCommand({ extension: context, notifier }));

  const codeLens = new RunCodeLensProvider();
  subscriptions.push(codeLens, vscode.languages.registerCodeLensProvider(RunCodeLensProvider.selector, codeLens));
  subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    log.info('workspace trusted: runs, inspection and model descriptions can start the engine now');
    codeLens.refresh();
  }));

  const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB, false, true, false);
  const updateHasConfigs = (): void => void findConfigs().then((configs) => contextKeys.set('distq.hasConfigs', configs.length > 0), () => undefined);
  subscriptions.push(configWatcher, configWatcher.onDidCreate(updateHasConfigs), configWatcher.onDidDelete(updateHasConfigs));
  const firstScan = setTimeout(() => {
    updateHasConfigs();
    void runsView.runs().catch(() => undefined);
  }, FIRST_SCAN_DELAY_MS);
  subscriptions.push({ dispose: () => clearTimeout(firstScan) });

  registerConfigAuthoring(context, client);

  const activationMs = performance.now() - started;
  log.info(`DistQ activated in ${activationMs.toFixed(1)} ms`);
  const runController = controller;
  return {
    activationMs,
    lastMessage: () => notifier.last,
    messages: () => notifier.all,
    engineState: () => client.state,
    enginePid: () => client.pid,
    activeRun: () => runController.active,
    onDidEndRun: runController.onDidEndRun,
    activeTuning: () => tuning.active,
    onDidEndTuning: tuning.onDidEndTuning,
    runsView: { getChildren: () => runsView.runs(), getTreeItem: (node) => runsView.getTreeItem(node) },
    panels: () => [...openPanelProbes],
  };
}

export function deactivate(): void {
  // Everything lives in context.subscriptions, which VS Code disposes (the engine process included).
}
