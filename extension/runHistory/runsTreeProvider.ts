/**
 * The Runs view: every run folder in the workspace with its status and headline
 * accuracy, the live run marked running with its latest epoch. Past runs come from
 * disk alone; the list refreshes (debounced) on file changes and on the live run's news.
 */
import * as vscode from 'vscode';
import type { ContextKeys } from '../contextKeys.ts';
import { Disposable } from '../disposable.ts';
import type { ActiveRun } from '../liveRun/runController.ts';
import { formatAccuracy } from '../liveRun/runMessages.ts';
import { findRunFolders } from './runDiscovery.ts';
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import { compareRunsNewestFirst, readRunFolderState, type RunFolderState, type RunStatus } from './runFolderState.ts';
import { escapeMarkdown } from './markdownText.ts';
import { withPreparingRun, type PreparingRunNode } from './preparingRun.ts';
import { runHeadline, runVerdict } from './runHeadline.ts';
import { accuracyTolerancePp } from '../accuracyTolerance.ts';

export interface RunNode {
  readonly kind: 'run';
  readonly state: RunFolderState;
  readonly status: RunStatus;
  readonly headline?: string;
}

export type RunsViewNode = RunNode | PreparingRunNode;

export function isRunNode(value: unknown): value is RunNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'run' && typeof (value as { state?: { folder?: unknown } }).state?.folder === 'string';
}

export interface LiveRunSource {
  readonly active: ActiveRun | undefined;
  readonly onDidChangeActiveRun: vscode.Event<ActiveRun | undefined>;
}

const REFRESH_DELAY_MS = 300;

const STATUS_ICONS: Record<RunStatus, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin'),
  finished: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-pause'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

export class RunsTreeProvider extends Disposable implements vscode.TreeDataProvider<RunsViewNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<RunsViewNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly live: LiveRunSource, private readonly contextKeys: ContextKeys) {
    super();
    this.register(live.onDidChangeActiveRun((run) => {
      // A started run is a run, whether or not the view is open to count it.
      if (run?.runFolder) contextKeys.set('distq.hasRuns', true);
      this.refresh();
    }));
    const summaries = this.register(vscode.workspace.createFileSystemWatcher(`**/runs/**/${RUN_FOLDER_FILES.summary}`));
    const folders = this.register(vscode.workspace.createFileSystemWatcher('**/runs/*', true, true, false));
    for (const event of [summaries.onDidCreate, summaries.onDidChange, summaries.onDidDelete, folders.onDidDelete]) {
      this.register(event(() => this.refresh()));
    }
    this.register({ dispose: () => clearTimeout(this.refreshTimer) });
  }

  /** Refreshes soon; bursts of changes make one refresh. */
  refresh(): void {
    if (this.refreshTimer || this.isDisposed) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changeEmitter.fire(undefined);
    }, REFRESH_DELAY_MS);
  }

  /** Every run, newest first; a run still preparing shows at the top, so the view never says "no runs" while one starts. */
  async getChildren(element?: RunsViewNode): Promise<RunsViewNode[]> {
    if (element) return [];
    const nodes = withPreparingRun(await this.runs(), this.live.active);
    if (nodes.length > 0) this.contextKeys.set('distq.hasRuns', true);
    return nodes;
  }

  /** Every run, newest first, read now. */
  async runs(): Promise<RunNode[]> {
    const folders = new Set(await findRunFolders());
    const active = this.live.active;
    // The live run shows before its first file lands where the search looks.
    if (active?.runFolder) folders.add(active.runFolder);
    const states = await Promise.all([...folders].map((folder) => readRunFolderState(folder)));
    const nodes = states.sort(compareRunsNewestFirst).map((state) => this.nodeOf(state, active));
    this.contextKeys.set('distq.hasRuns', nodes.length > 0);
    return nodes;
  }

  getTreeItem(node: RunsViewNode): vscode.TreeItem {
    if (node.kind === 'preparing') return preparingItem(node);
    const item = new vscode.TreeItem(node.state.folderName, vscode.TreeItemCollapsibleState.None);
    item.id = node.state.folder;
    item.description = [node.status, node.headline].filter(Boolean).join(' · ');
    item.iconPath = STATUS_ICONS[node.status];
    item.contextValue = `run.${node.status}`;
    item.tooltip = tooltipOf(node);
    item.command = { command: 'distq.openDashboard', title: 'Open Dashboard', arguments: [node] };
    return item;
  }

  private nodeOf(state: RunFolderState, active: ActiveRun | undefined): RunNode {
    const isLive = active?.runFolder === state.folder;
    const lastEpoch = isLive ? active?.lastEpoch ?? state.lastEpoch : state.lastEpoch;
    return { kind: 'run', state, status: isLive ? 'running' : state.status, headline: runHeadline(isLive ? undefined : state.summary, lastEpoch, accuracyTolerancePp()) };
  }
}

/** A run the engine is preparing: no folder yet, so no dashboard; Stop works, the log shows what it is doing. */
function preparingItem(node: PreparingRunNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
  item.id = `preparing:${node.configPath}`;
  item.description = 'preparing…';
  item.iconPath = new vscode.ThemeIcon('sync~spin');
  item.contextValue = PREPARING_CONTEXT_VALUE;
  item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(node.name)}** — preparing\n\nLoading the models and data and building the training graphs; the run's folder and dashboard appear when it is ready.\n\n${escapeMarkdown(node.configPath)}`);
  item.command = { command: 'distq.showLog', title: 'Show Log' };
  return item;
}

/** Not `run.…`: the menus for run folders (dashboard, compare) do not apply to it. */
export const PREPARING_CONTEXT_VALUE = 'preparingRun';

/** The run's tooltip; every text that comes from its files is escaped (markdownText.ts). */
export function tooltipOf(node: RunNode): vscode.MarkdownString {
  const { state } = node;
  const lines = [`**${escapeMarkdown(state.folderName)}** — ${node.status}`, '', escapeMarkdown(state.folder)];
  if (state.startedAt) lines.push('', `Started ${state.startedAt.toLocaleString()}`);
  const accuracy = Object.entries(state.summary?.accuracy ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  const verdict = node.status === 'running' ? undefined : runVerdict(state.summary, accuracyTolerancePp());
  // The description shows only the figures ("90.35 % · −8.20 pp ⚠"); the tooltip says what they are.
  const int8 = state.summary?.accuracy?.qatInt8;
  const result = typeof int8 === 'number' ? `INT8 ${formatAccuracy(int8)}, ${verdict?.text}` : verdict?.text;
  if (verdict) lines.push('', verdict.verdict === 'meets' ? `$(pass) Meets its goal: ${result}` : `$(warning) Below its goal: ${result}`);
  if (accuracy.length > 0) lines.push('', '| accuracy | |', '| --- | --- |', ...accuracy.map(([name, value]) => `| ${escapeMarkdown(name)} | ${formatAccuracy(value)} |`));
  else if (state.lastEpoch) lines.push('', `Epoch ${state.lastEpoch.epoch + 1}: ${Object.entries(state.lastEpoch.accuracy).map(([name, value]) => `${escapeMarkdown(name)} ${formatAccuracy(value)}`).join(', ')}`);
  if (state.summary?.message) lines.push('', escapeMarkdown(state.summary.message));
  if (!state.summary && node.status !== 'running') lines.push('', `No ${RUN_FOLDER_FILES.summary}: the run ended without one (killed or crashed), or it is going in another process.`);
  if (node.status === 'stopped') lines.push('', state.hasCheckpoint ? `Resumable from its checkpoint${state.summary?.checkpointEpoch !== undefined ? ` (epoch ${state.summary.checkpointEpoch})` : ''}.` : 'No checkpoint: it stopped before the first epoch ended, so resuming starts over.');
  const tooltip = new vscode.MarkdownString(lines.join('\n'));
  tooltip.supportThemeIcons = true;
  return tooltip;
}
