/** Which run a command is about: its argument (a runs-view node, a Uri, a path) or the user's pick. */
import * as vscode from 'vscode';
import { isRunNode, type RunNode, type RunsTreeProvider } from '../runHistory/runsTreeProvider.ts';

export function runFolderOfArgument(argument: unknown): string | undefined {
  if (isRunNode(argument)) return argument.state.folder;
  if (argument instanceof vscode.Uri) return argument.fsPath;
  if (typeof argument === 'string' && argument !== '') return argument;
  return undefined;
}

/**
 * The runs a multi-run command is about. A tree view with multi-select passes (clicked node,
 * selected nodes); a caller may pass one array of nodes, Uris or paths instead.
 */
export function runFoldersOfArguments(clicked: unknown, selected: unknown): string[] {
  const candidates = Array.isArray(selected) && selected.length > 0 ? selected : Array.isArray(clicked) ? clicked : [clicked];
  const folders = candidates.map(runFolderOfArgument).filter((folder): folder is string => folder !== undefined);
  return [...new Set(folders)];
}

/** Asks which runs (any number, `preselected` ticked); undefined when the user cancels, [] when fewer than two runs exist. */
export async function pickRuns(runsView: RunsTreeProvider, placeHolder: string, preselected: readonly string[]): Promise<RunNode[] | undefined> {
  const nodes = await runsView.runs();
  if (nodes.length < 2) return [];
  const picked = await vscode.window.showQuickPick(
    nodes.map((node) => ({ ...runItem(node), picked: preselected.includes(node.state.folder) })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true, canPickMany: true },
  );
  return picked?.map((item) => item.node);
}

function runItem(node: RunNode): vscode.QuickPickItem & { node: RunNode } {
  return {
    label: node.state.folderName,
    description: [node.status, node.headline].filter(Boolean).join(' · '),
    detail: vscode.workspace.asRelativePath(node.state.folder, true),
    node,
  };
}

/** Asks which run among those `include` accepts; undefined when none fits or the user cancels. */
export async function pickRun(runsView: RunsTreeProvider, placeHolder: string, include: (node: RunNode) => boolean): Promise<RunNode | undefined> {
  const nodes = (await runsView.runs()).filter(include);
  if (nodes.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    nodes.map(runItem),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.node;
}
