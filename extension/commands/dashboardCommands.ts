/** distq.openDashboard, distq.compareRuns, distq.refreshRuns and distq.showLog. */
import * as vscode from 'vscode';
import type { Notifier } from '../notifier.ts';
import { openCompare, openDashboard, type LiveRunSource } from '../panels/panels.ts';
import type { RunController } from '../liveRun/runController.ts';
import type { RunsTreeProvider } from '../runHistory/runsTreeProvider.ts';
import { pickRun, pickRuns, runFolderOfArgument, runFoldersOfArguments } from './runPicks.ts';

export interface DashboardCommandsContext {
  /** What the panels need of the extension: its folder (for the webview bundle) and subscriptions. */
  extension: Pick<vscode.ExtensionContext, 'extensionUri' | 'subscriptions'>;
  controller: RunController;
  /** The engine's notifications, for the dashboard of the run going now. */
  live: LiveRunSource;
  notifier: Notifier;
  runsView: RunsTreeProvider;
  log: vscode.LogOutputChannel;
}

export function registerDashboardCommands(context: DashboardCommandsContext): vscode.Disposable[] {
  const { extension, controller, live, notifier, runsView, log } = context;
  return [
    vscode.commands.registerCommand('distq.openDashboard', async (argument?: unknown) => {
      const folder = runFolderOfArgument(argument) ?? controller.active?.runFolder ?? (await pickRun(runsView, 'Which run?', () => true))?.state.folder;
      if (!folder) {
        if (argument === undefined) void notifier.info('No DistQ runs in this workspace yet.');
        return;
      }
      // A past run opens from disk alone (no engine, no model: fine in an untrusted workspace); the active one also follows the engine.
      openDashboard(extension, folder, controller.active?.runFolder === folder ? live : undefined);
    }),
    // From the runs view: (clicked node, every selected node); from the palette: nothing, so ask.
    vscode.commands.registerCommand('distq.compareRuns', async (clicked?: unknown, selected?: unknown) => {
      const given = runFoldersOfArguments(clicked, selected);
      const folders = given.length >= 2 ? given : (await pickRuns(runsView, 'Which runs to compare? (two or more)', given))?.map((node) => node.state.folder);
      if (!folders) return;
      if (folders.length < 2) {
        void notifier.info('Comparing needs two or more runs: select them in the Runs view (Ctrl/Cmd+click) or pick them here.');
        return;
      }
      openCompare(extension, folders);
    }),
    vscode.commands.registerCommand('distq.refreshRuns', () => runsView.refresh()),
    vscode.commands.registerCommand('distq.showLog', () => log.show()),
  ];
}
