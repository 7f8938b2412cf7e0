/** distq.run, distq.stop and distq.resume. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeConfig, findConfigs, pickConfig } from '../configs/configFiles.ts';
import type { Notifier } from '../notifier.ts';
import type { RunController, RunOutcome } from '../liveRun/runController.ts';
import { readConfigCopy, recordedConfigPath } from '../runHistory/runFolderReader.ts';
import { readRunFolderState } from '../runHistory/runFolderState.ts';
import type { RunsTreeProvider } from '../runHistory/runsTreeProvider.ts';
import { configOfRun, type ConfigCandidate } from '../runHistory/resumeConfig.ts';
import { requireTrust } from '../trust.ts';
import { pickRun, runFolderOfArgument } from './runPicks.ts';

export interface RunCommandsContext {
  controller: RunController;
  notifier: Notifier;
  runsView: RunsTreeProvider;
}

const NO_CONFIG = 'This workspace has no *.distq.json config yet: create one with "DistQ: New Distillation-for-Quantization Config".';

export function registerRunCommands(context: RunCommandsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('distq.run', (argument?: unknown) => runConfig(context, argument)),
    vscode.commands.registerCommand('distq.stop', (): Promise<RunOutcome | undefined> => context.controller.stop()),
    vscode.commands.registerCommand('distq.resume', (argument?: unknown) => resumeRun(context, argument)),
  ];
}

/** Saves the config if it has unsaved edits, since the engine reads it from disk; false (the user told) when it could not be saved. */
export async function saveBeforeEngine(notifier: Notifier, uri: vscode.Uri, what: string): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty && !(await open.save())) {
    void notifier.warn(`${path.basename(uri.fsPath)} could not be saved, so ${what} did not start.`);
    return false;
  }
  return true;
}

/** Resolves with the run folder once the run started, or undefined. */
async function runConfig({ controller, notifier }: RunCommandsContext, argument: unknown): Promise<string | undefined> {
  const uri = argument instanceof vscode.Uri ? argument : activeConfig() ?? (await pickConfigOrSayNone(notifier, 'Which config to run?'));
  if (!uri) return undefined;
  if (!(await saveBeforeEngine(notifier, uri, 'the run'))) return undefined;
  if (!requireTrust(notifier, 'A DistQ run')) return undefined;
  if (!(await confirmDespiteProblems(notifier, uri))) return undefined;
  return controller.start(uri.fsPath);
}

const RUN_ANYWAY = 'Run Anyway';
const SHOW_PROBLEMS = 'Show Problems';

/**
 * A config with errors in the Problems panel would start and fail moments later: ask first. True when
 * there are none, or the user chose to run anyway; "Show Problems" opens the panel at the first one.
 */
async function confirmDespiteProblems(notifier: Notifier, uri: vscode.Uri): Promise<boolean> {
  const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  const [first] = errors;
  if (!first) return true;
  const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  const answer = await notifier.warn(`${path.basename(uri.fsPath)} has ${count} (line ${first.range.start.line + 1}: ${first.message}). Run it anyway?`, RUN_ANYWAY, SHOW_PROBLEMS);
  if (answer === RUN_ANYWAY) return true;
  if (answer === SHOW_PROBLEMS) {
    await vscode.window.showTextDocument(uri, { selection: first.range });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return false;
}

export async function pickConfigOrSayNone(notifier: Notifier, placeHolder: string): Promise<vscode.Uri | undefined> {
  const configs = await findConfigs();
  if (configs.length === 0) {
    void notifier.info(NO_CONFIG);
    return undefined;
  }
  return pickConfig(placeHolder, configs);
}

async function resumeRun({ controller, notifier, runsView }: RunCommandsContext, argument: unknown): Promise<string | undefined> {
  const folder = runFolderOfArgument(argument) ?? (await pickRun(runsView, 'Which stopped run to resume?', (node) => node.status === 'stopped' && node.state.hasCheckpoint))?.state.folder;
  if (!folder) {
    if (argument === undefined) void notifier.info('No stopped run with a checkpoint in this workspace.');
    return undefined;
  }
  const state = await readRunFolderState(folder);
  if (!state.hasCheckpoint) {
    void notifier.warn(`Run ${state.folderName} has no checkpoint (it stopped before its first epoch ended): run its config again instead.`);
    return undefined;
  }
  if (!requireTrust(notifier, 'Resuming a DistQ run')) return undefined;
  const configPath = await configForResume(folder);
  if (!configPath) return undefined;
  return controller.start(configPath, folder);
}

/** The config the run came from: as the run recorded it, else found by its copy, else asked (resuming and tuning a run). */
export async function configForResume(folder: string): Promise<string | undefined> {
  const recorded = await recordedConfigPath(folder);
  if (recorded && fs.existsSync(recorded)) return recorded;
  const configs = await findConfigs();
  const candidates: ConfigCandidate[] = configs.flatMap((uri) => {
    try {
      return [{ path: uri.fsPath, text: fs.readFileSync(uri.fsPath, 'utf8') }];
    } catch {
      return [];
    }
  });
  const found = configOfRun(folder, await readConfigCopy(folder), candidates);
  if (found) return found;
  return (await pickConfig(`Which config did ${path.basename(folder)} come from? (Its paths locate the models and data.)`, configs))?.fsPath;
}
