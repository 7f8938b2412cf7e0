/**
 * Helpers of the panels suites: find an open panel through the extension's test seam
 * (DistqApi.panels), and rebuild the state its webview holds from what the host posted
 * to it (the last snapshot plus the updates after it, folded as the webview folds them).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import type { PanelProbe } from '../../../extension/panels/panelProbes.ts';
import { applyUpdate } from '../../../webview/state/applyUpdate.ts';
import type { CompareState, DashboardState, LayersState, PanelState, ParetoState } from '../../../webview/protocol.ts';
import { waitFor } from './coreSupport.ts';

export const DASHBOARD = 'distq.dashboard';
export const LAYERS = 'distq.layers';
export const COMPARE = 'distq.compare';
export const PARETO = 'distq.pareto';

/** Waits for an open panel of `viewType` whose title passes `titleTest`. */
export async function waitForPanel(api: DistqApi, viewType: string, titleTest: (title: string) => boolean = () => true): Promise<PanelProbe> {
  let found: PanelProbe | undefined;
  await waitFor(`a ${viewType} panel`, () => (found = api.panels().find((p) => p.viewType === viewType && titleTest(p.title))) !== undefined, 30_000);
  return found!;
}

/** The state the webview holds now, or undefined before its ready handshake brought a snapshot. */
export function webviewState(panel: PanelProbe): PanelState | undefined {
  const posted = panel.posted;
  let start = -1;
  for (let i = posted.length - 1; i >= 0 && start < 0; i--) if (posted[i]!.type === 'snapshot') start = i;
  if (start < 0) return undefined;
  const first = posted[start]!;
  if (first.type !== 'snapshot') return undefined;
  // applyUpdate appends in place: work on a copy, the probe's record stays as posted.
  const state = structuredClone(first.state);
  for (const message of posted.slice(start + 1)) {
    if (message.type === 'update') assert.ok(applyUpdate(state, message.update), `update ${JSON.stringify(message.update).slice(0, 120)} applies`);
  }
  return state;
}

type StateOf<K extends PanelState['kind']> = Extract<PanelState, { kind: K }>;

/** Polls the webview's state until `test` passes; the real webview must have said ready (a snapshot came). */
export async function waitForState<K extends PanelState['kind']>(panel: PanelProbe, kind: K, what: string, test: (state: StateOf<K>) => boolean = () => true, timeoutMs = 60_000): Promise<StateOf<K>> {
  let result: StateOf<K> | undefined;
  await waitFor(`${panel.title}: ${what}`, () => {
    const state = webviewState(panel);
    if (state?.kind !== kind) return false;
    const typed = state as StateOf<K>;
    if (!test(typed)) return false;
    result = typed;
    return true;
  }, timeoutMs);
  return result!;
}

export type { CompareState, DashboardState, LayersState, ParetoState };

/** The workbench tab of a webview panel (VS Code prefixes the view type in the web workbench, so match its end). */
export function webviewTab(viewType: string, label: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType) && tab.label === label);
}

/** Writes a config beside tiny.onnx in the test workspace (a copy, so tests may write freely). */
export function writeConfig(workspace: string, fileName: string, config: object): vscode.Uri {
  const file = path.join(workspace, fileName);
  fs.writeFileSync(file, `// Written by the panels integration suite.\n${JSON.stringify(config, null, 2)}\n`);
  return vscode.Uri.file(file);
}

/** Lines of metrics.jsonl that are step records. */
export function stepRecordCount(runFolder: string): number {
  return fs.readFileSync(path.join(runFolder, 'metrics.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"type":"step"')).length;
}
