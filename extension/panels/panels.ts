/**
 * DistQ's panels, as the rest of the extension uses them. This file is the whole API:
 *
 *   registerPanelSerializers(context)   call once in activate(); push nothing, it registers
 *                                       into context.subscriptions itself. Revives the
 *                                       dashboard, layers, compare and Pareto panels after a reload.
 *   openDashboard(context, runFolder, live?)
 *                                       one dashboard per run folder (re-shown if open). Reads
 *                                       the folder from disk; with `live` it also follows the
 *                                       engine's notifications for that folder until run/finished
 *                                       or run/failed. Call it right after run/start answers with
 *                                       the run folder, passing the client as LiveRunSource.
 *   openLayers(context, source, live?)  the per-layer error panel of a run ({kind:'run', runFolder})
 *                                       or of a `distq.inspectModel` result ({kind:'inspect', report}).
 *   openCompare(context, runFolders)    two or more runs side by side.
 *   openPareto(context, runFolder, live?)
 *                                       a tuning's trials (tuning.json) against size and latency;
 *                                       re-read whenever tuning.json changes, and with `live` on the
 *                                       tuning's notifications until it ends.
 *
 * The panels read only run folders (docs/runs.md) and the LiveRunSource events; the
 * webview bundle is dist/webview.js (+ dist/webview.css) with media/panels.css.
 */
import * as vscode from 'vscode';
import type { PanelState, PersistedWebviewState } from '../../webview/protocol.ts';
import { ComparePanel } from './compare/comparePanel.ts';
import { DashboardPanel } from './dashboard/dashboardPanel.ts';
import { LayersPanel, type LayersSource } from './layers/layersPanel.ts';
import type { LiveRunSource } from './liveRunSource.ts';
import { ParetoPanel } from './pareto/paretoPanel.ts';
import type { TuningLiveSource } from './pareto/tuningLiveSource.ts';

export type { LiveRunSource } from './liveRunSource.ts';
export type { LayersSource } from './layers/layersPanel.ts';
export type { TuningLiveSource } from './pareto/tuningLiveSource.ts';

type PanelContext = Pick<vscode.ExtensionContext, 'extensionUri' | 'subscriptions'>;

export function openDashboard(context: PanelContext, runFolder: string, live?: LiveRunSource): void {
  DashboardPanel.createOrShow(context.extensionUri, runFolder, live, (folder) => openLayers(context, { kind: 'run', runFolder: folder }, live));
}

export function openLayers(context: PanelContext, source: LayersSource, live?: LiveRunSource): void {
  LayersPanel.createOrShow(context.extensionUri, source, live);
}

export function openCompare(context: PanelContext, runFolders: readonly string[]): void {
  ComparePanel.createOrShow(context.extensionUri, runFolders);
}

export function openPareto(context: PanelContext, runFolder: string, live?: TuningLiveSource): void {
  ParetoPanel.createOrShow(context.extensionUri, runFolder, (folder) => openLayers(context, { kind: 'run', runFolder: folder }), live);
}

/** The panel state a webview kept, when it has the expected kind. */
function keptState<K extends PanelState['kind']>(state: unknown, kind: K): Extract<PanelState, { kind: K }> | undefined {
  const panel = (state as Partial<PersistedWebviewState> | undefined)?.panel;
  return panel && typeof panel === 'object' && panel.kind === kind ? (panel as Extract<PanelState, { kind: K }>) : undefined;
}

export function registerPanelSerializers(context: PanelContext): void {
  const { extensionUri } = context;
  const showLayers = (folder: string): void => openLayers(context, { kind: 'run', runFolder: folder });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const kept = keptState(state, 'dashboard');
        if (kept && typeof kept.runFolder === 'string') DashboardPanel.revive(panel, extensionUri, kept.runFolder, showLayers);
        else panel.dispose();
      },
    }),
    vscode.window.registerWebviewPanelSerializer(LayersPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const kept = keptState(state, 'layers');
        LayersPanel.revive(panel, extensionUri, typeof kept?.runFolder === 'string' ? kept.runFolder : undefined);
      },
    }),
    vscode.window.registerWebviewPanelSerializer(ComparePanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const kept = keptState(state, 'compare');
        if (kept && Array.isArray(kept.runFolders)) ComparePanel.revive(panel, extensionUri, kept.runFolders.filter((f): f is string => typeof f === 'string'));
        else panel.dispose();
      },
    }),
    vscode.window.registerWebviewPanelSerializer(ParetoPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const kept = keptState(state, 'pareto');
        if (kept && typeof kept.runFolder === 'string') ParetoPanel.revive(panel, extensionUri, kept.runFolder, showLayers);
        else panel.dispose();
      },
    }),
  );
}
