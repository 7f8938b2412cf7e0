/** distq.openDashboard, distq.refreshRuns and distq.showLog. */
import * as vscode from 'vscode';
import { openRunDashboard } from '../dashboard/openRunSummary.ts';
import type { Notifier } from '../notifier.ts';
import type { ReportDocuments } from '../reports/reportDocuments.ts';
import type { RunController } from '../run/runController.ts';
import type { RunsTreeProvider } from '../runs/runsTreeProvider.ts';
import { pickRun, runFolderOfArgument } from './runPicks.ts';

export interface DashboardCommandsContext {
  controller: RunController;
  notifier: Notifier;
  runsView: RunsTreeProvider;
  reports: ReportDocuments;
  log: vscode.LogOutputChannel;
}

export function registerDashboardCommands(context: DashboardCommandsContext): vscode.Disposable[] {
  const { controller, notifier, runsView, reports, log } = context;
  return [
    vscode.commands.registerCommand('distq.openDashboard', async (argument?: unknown) => {
      const folder = runFolderOfArgument(argument) ?? controller.active?.runFolder ?? (await pickRun(runsView, 'Which run?', () => true))?.state.folder;
      if (!folder) {
        if (argument === undefined) void notifier.info('No DistQ runs in this workspace yet.');
        return;
      }
      // Opening a past run needs no engine and loads no model, so it works in an untrusted workspace too.
      await openRunDashboard(reports, folder, controller.active?.runFolder === folder ? 'running' : undefined);
    }),
    vscode.commands.registerCommand('distq.refreshRuns', () => runsView.refresh()),
    vscode.commands.registerCommand('distq.showLog', () => log.show()),
  ];
}
