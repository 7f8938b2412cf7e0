/** distq.tune, distq.stopTuning and distq.openPareto. */
import * as vscode from 'vscode';
import { activeConfig } from '../configs/configFiles.ts';
import type { RunController } from '../liveRun/runController.ts';
import type { Notifier } from '../notifier.ts';
import { isRunNode, type RunsTreeProvider } from '../runHistory/runsTreeProvider.ts';
import { requireTrust } from '../trust.ts';
import type { TuningController } from '../tuning/tuningController.ts';
import { configForResume, pickConfigOrSayNone, saveBeforeEngine } from './runCommands.ts';
import { pickRun, runFolderOfArgument } from './runPicks.ts';

export interface TuneCommandsContext {
  tuning: TuningController;
  controller: RunController;
  notifier: Notifier;
  runsView: RunsTreeProvider;
  /** Opens the Pareto panel of a run folder, following the tuning when it is the one going. */
  openPareto: (runFolder: string) => void;
}

/** What to tune: a config (its latest finished run, the engine picks) or a run folder from the runs view. */
type TuneTarget = { configPath: string; runFolder?: string };

async function tuneTarget({ notifier }: TuneCommandsContext, argument: unknown): Promise<TuneTarget | undefined> {
  if (isRunNode(argument)) {
    const configPath = await configForResume(argument.state.folder);
    return configPath ? { configPath, runFolder: argument.state.folder } : undefined;
  }
  const uri = argument instanceof vscode.Uri ? argument : activeConfig() ?? (await pickConfigOrSayNone(notifier, 'Which config to tune? (Its latest finished run is tuned.)'));
  if (!uri) return undefined;
  if (!(await saveBeforeEngine(notifier, uri, 'the tuning'))) return undefined;
  return { configPath: uri.fsPath };
}

/** Resolves with the run folder being tuned once the tuning started, or undefined. */
async function tune(context: TuneCommandsContext, argument: unknown): Promise<string | undefined> {
  const { tuning, controller, notifier } = context;
  if (!requireTrust(notifier, 'Tuning to an accuracy target')) return undefined;
  if (controller.active) {
    void notifier.warn(`A DistQ run is going (${controller.active.name}): the engine runs one at a time, so tune when it has ended.`);
    return undefined;
  }
  const target = await tuneTarget(context, argument);
  if (!target) return undefined;
  return tuning.start(target.configPath, target.runFolder);
}

export function registerTuneCommands(context: TuneCommandsContext): vscode.Disposable[] {
  const { tuning, notifier, runsView, openPareto } = context;
  return [
    vscode.commands.registerCommand('distq.tune', (argument?: unknown) => tune(context, argument)),
    vscode.commands.registerCommand('distq.stopTuning', () => tuning.stop()),
    vscode.commands.registerCommand('distq.openPareto', async (argument?: unknown) => {
      const folder = runFolderOfArgument(argument) ?? tuning.active?.runFolder ?? (await pickRun(runsView, 'Which run\'s tuning?', () => true))?.state.folder;
      if (!folder) {
        if (argument === undefined) void notifier.info('No DistQ runs in this workspace yet.');
        return;
      }
      // From disk alone (no engine): fine in an untrusted workspace.
      openPareto(folder);
    }),
  ];
}
