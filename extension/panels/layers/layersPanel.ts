/**
 * The per-layer quantization error of a run (layers.json) or of a PTQ inspection:
 * a table, a bar chart, per-layer histograms, and "Exclude from quantization",
 * which edits the run's source config through an undoable WorkspaceEdit.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectReport } from '../../../contracts/engineProtocol.ts';
import type { LayersState, WebviewToHostMessage } from '../../../webview/protocol.ts';
import { assertNever } from '../../../webview/protocol.ts';
import type { LiveRunSource } from '../liveRunSource.ts';
import { PanelHost, panelWebviewOptions, sameFolder } from '../panelHost.ts';
import { openRunFile } from '../runFiles.ts';
import { checkRecordedConfig } from '../../configs/recordedConfig.ts';
import { readRunFolder, recordedConfigPath, type RunFolderContents } from '../../runHistory/runFolderReader.ts';
import { statusFromFolder } from '../runStatus.ts';
import { findSourceConfig, workspaceFolderPaths } from '../sourceConfig.ts';
import { excludedNodes, excludeNodeEdit } from './excludeEdit.ts';
import { revealExcludeEntry } from './revealExcludeEntry.ts';
import { layerDetail, mappedStudentTensors } from './layerRows.ts';
import { findLayer, inspectLayersState, runLayersState } from './layersState.ts';

/** What the layers panel shows: a run folder, or an InspectReport (PTQ only). */
export type LayersSource = { kind: 'run'; runFolder: string } | { kind: 'inspect'; report: InspectReport };

const DETAIL_SMOOTHING = 0.6;

export class LayersPanel extends PanelHost {
  static readonly viewType = 'distq.layers';
  private static readonly openPanels = new Map<string, LayersPanel>();

  private contents: RunFolderContents | undefined;
  /** The run folder being read, until its contents arrive. */
  private loading: string | undefined;
  private report: InspectReport | undefined;
  private excluded: string[] = [];
  private live: vscode.Disposable | undefined;

  static createOrShow(extensionUri: vscode.Uri, source: LayersSource, live?: LiveRunSource): LayersPanel {
    const key = LayersPanel.keyOf(source);
    const existing = LayersPanel.openPanels.get(key);
    if (existing) {
      existing.show(source, live);
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(LayersPanel.viewType, LayersPanel.titleOf(source), vscode.ViewColumn.Active, panelWebviewOptions(extensionUri));
    return new LayersPanel(panel, extensionUri, source, live);
  }

  /** Restores a run's panel after a reload; an inspection is not kept, so its panel says how to get it back. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runFolder: string | undefined): LayersPanel {
    const layers = new LayersPanel(panel, extensionUri, runFolder ? { kind: 'run', runFolder } : undefined, undefined);
    return layers;
  }

  private static keyOf(source: LayersSource): string {
    return source.kind === 'run' ? `run:${path.resolve(source.runFolder)}` : `inspect:${path.resolve(source.report.model)}`;
  }

  private static titleOf(source: LayersSource): string {
    return source.kind === 'run' ? `Layers · ${path.basename(source.runFolder)}` : `Layers · ${path.basename(source.report.model)} (PTQ)`;
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: LayersSource | undefined, live: LiveRunSource | undefined) {
    super(panel, extensionUri, 'layers');
    this.register({ dispose: () => [...LayersPanel.openPanels].filter(([, p]) => p === this).forEach(([k]) => LayersPanel.openPanels.delete(k)) });
    if (source) this.show(source, live);
  }

  private show(source: LayersSource, live: LiveRunSource | undefined): void {
    LayersPanel.openPanels.set(LayersPanel.keyOf(source), this);
    this.panel.title = LayersPanel.titleOf(source);
    this.contents = undefined;
    if (source.kind === 'inspect') {
      this.report = source.report;
      this.loading = undefined;
    } else {
      this.report = undefined;
      this.loading = source.runFolder;
      void this.load(source.runFolder);
      if (live) this.follow(live, source.runFolder);
    }
    if (this.isReady) this.post({ type: 'snapshot', state: this.snapshot() });
  }

  /** Reads the run folder (asynchronously: metrics.jsonl can be large), then shows it. */
  private async load(runFolder: string): Promise<void> {
    const contents = await readRunFolder(runFolder);
    const excluded = await this.readExcluded(contents);
    if (this.loading !== runFolder && !sameFolder(this.contents?.folder, runFolder)) return; // Another source was shown meanwhile.
    this.loading = undefined;
    this.contents = contents;
    this.excluded = excluded;
    this.post({ type: 'snapshot', state: this.snapshot() });
  }

  /** Re-reads layers.json when the engine reports a new per-layer report. */
  private follow(live: LiveRunSource, runFolder: string): void {
    this.live?.dispose();
    const reread = (folder: string | undefined): void => {
      if (!sameFolder(folder, runFolder)) return;
      void readRunFolder(runFolder).then((contents) => {
        if (!sameFolder(this.contents?.folder, runFolder)) return;
        this.contents = contents;
        this.post({ type: 'snapshot', state: this.snapshot() });
      });
    };
    this.live = this.register(vscode.Disposable.from(
      live.onLayerErrors((e) => reread(e.runFolder)),
      live.onFinished((e) => reread(e.runFolder)),
      live.onFailed((e) => reread(e.runFolder)),
    ));
  }

  /** The recorded source config's exclusions when it is on disk in the workspace, else the copy's (as run). */
  private async readExcluded(contents: RunFolderContents): Promise<string[]> {
    const recorded = await recordedConfigPath(contents.folder);
    const checked = recorded === undefined ? undefined : await checkRecordedConfig(recorded, workspaceFolderPaths());
    try {
      if (checked?.kind === 'usable') return excludedNodes(await fsp.readFile(checked.path, 'utf8'));
    } catch {
      // The source config moved: the copy still says what this run excluded.
    }
    return excludedNodes(contents.configText);
  }

  protected snapshot(): LayersState {
    if (this.report) return inspectLayersState(this.report);
    if (this.contents) return runLayersState(this.contents, this.excluded, statusFromFolder(this.contents, this.live !== undefined));
    if (this.loading) {
      return {
        kind: 'layers', title: this.panel.title, source: 'run', runFolder: this.loading, stage: 'ptq', rows: [], summary: [], canExclude: false, excluded: [],
        status: { phase: 'loading', message: `Reading ${path.basename(this.loading)}…` },
      };
    }
    return {
      kind: 'layers', title: this.panel.title, source: 'inspect', stage: 'ptq', rows: [], summary: [], canExclude: false, excluded: [],
      status: { phase: 'empty', message: 'Inspections are not kept across reloads: run DistQ: Inspect Per-Layer Quantization Error on the model again.' },
    };
  }

  protected async handle(message: Exclude<WebviewToHostMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'selectLayer': {
        const layer = findLayer(this.contents, this.report, message.node);
        if (layer) this.post({ type: 'layerDetail', detail: layerDetail(layer, this.contents?.metrics ?? [], mappedStudentTensors(this.contents?.configText), DETAIL_SMOOTHING) });
        return;
      }
      case 'excludeLayer':
        await this.exclude(message.node);
        return;
      case 'openFile':
        if (this.contents) await openRunFile(this.contents.folder, message.file);
        return;
      case 'setSmoothing':
      case 'showLayers':
        return; // The dashboard's messages.
      default:
        assertNever(message);
    }
  }

  private async exclude(node: string): Promise<void> {
    if (!this.contents) return;
    const uri = (await findSourceConfig(this.contents, 'edit'))?.uri;
    if (!uri) return;
    const document = await vscode.workspace.openTextDocument(uri);
    const result = excludeNodeEdit(document.getText(), node);
    switch (result.kind) {
      case 'invalid':
        void vscode.window.showWarningMessage(`DistQ: cannot exclude '${node}': in ${vscode.workspace.asRelativePath(uri)}, ${result.message}.`);
        return;
      case 'alreadyExcluded':
        void vscode.window.showInformationMessage(`DistQ: '${node}' is already excluded from quantization in ${vscode.workspace.asRelativePath(uri)}.`);
        break;
      case 'insert': {
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, document.positionAt(result.insertion.offset), result.insertion.text);
        if (!(await vscode.workspace.applyEdit(edit))) {
          void vscode.window.showWarningMessage(`DistQ: could not edit ${vscode.workspace.asRelativePath(uri)}.`);
          return;
        }
        void revealExcludeEntry(document, result.entry, node, this.panel.viewColumn);
        break;
      }
      default:
        assertNever(result);
    }
    this.excluded = excludedNodes(document.getText());
    this.post({ type: 'update', update: { kind: 'layers', excluded: this.excluded } });
  }
}
