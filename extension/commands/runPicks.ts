/** Which run a command is about: its argument (a runs-view node, a Uri, a path) or the user's pick. */
import * as vscode from 'vscode';
import { isRunNode, type RunNode, type RunsTreeProvider } from '../runs/runsTreeProvider.ts';

export function runFolderOfArgument(argument: unknown): string | undefined {
  if (isRunNode(argument)) return argument.state.folder;
  if (argument instanceof vscode.Uri) return argument.fsPath;
  if (typeof argument === 'string' && argument !== '') return argument;
  return undefined;
}

/** Asks which run among those `include` accepts; undefined when none fits or the user cancels. */
export async function pickRun(runsView: RunsTreeProvider, placeHolder: string, include: (node: RunNode) => boolean): Promise<RunNode | undefined> {
  const nodes = (await runsView.runs()).filter(include);
  if (nodes.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    nodes.map((node) => ({
      label: node.state.folderName,
      description: [node.status, node.headline].filter(Boolean).join(' · '),
      detail: vscode.workspace.asRelativePath(node.state.folder, true),
      node,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.node;
}
