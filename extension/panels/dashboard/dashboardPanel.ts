/**
 * The dashboard of one run: read from its folder, then kept current by the engine's
 * notifications when the run is live. One panel per run folder.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelState, WebviewToHostMessage } from '../../../webview/protocol.ts';
import { assertNever } from '../../../webview/protocol.ts';
import type { LiveRunSource } from '../liveRunSource.ts';
import { PanelHost, panelWebviewOptions, sameFolder } from '../panelHost.ts';
import { openRunFile } from '../runFiles.ts';
import { readRunFolder } from '../../runHistory/runFolderReader.ts';
import { progressText, statusFromFolder } from '../runStatus.ts';
import { UpdateBatcher } from '../updateBatcher.ts';
import { DashboardModel } from './dashboardModel.ts';
import { accuracyTolerancePp } from '../../accuracyTolerance.ts';

export class DashboardPanel extends PanelHost {
  static readonly viewType = 'distq.dashboard';
  private static readonly openPanels = new Map<string, DashboardPanel>();

  private readonly model: DashboardModel;
  private readonly batcher: UpdateBatcher;
  private live: vscode.Disposable | undefined;

  static createOrShow(extensionUri: vscode.Uri, runFolder: string, live: LiveRunSource | undefined, showLayers: (runFolder: string) => void): DashboardPanel {
    const existing = DashboardPanel.openPanels.get(path.resolve(runFolder));
    if (existing) {
      existing.reveal();
      if (live) existing.attach(live);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, DashboardPanel.titleFor(runFolder), vscode.ViewColumn.Active, panelWebviewOptions(extensionUri));
    return new DashboardPanel(panel, extensionUri, runFolder, live, showLayers);
  }

  /** Restores a panel VS Code kept across a reload; the run is read from disk again. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runFolder: string, showLayers: (runFolder: string) => void): DashboardPanel {
    return new DashboardPanel(panel, extensionUri, runFolder, undefined, showLayers);
  }

  static titleFor(runFolder: string): string {
    return `Dashboard · ${path.basename(runFolder)}`;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly runFolder: string,
    live: LiveRunSource | undefined,
    private readonly showLayers: (runFolder: string) => void,
  ) {
    super(panel, extensionUri, 'dashboard');
    const key = path.resolve(runFolder);
    DashboardPanel.openPanels.set(key, this);
    this.register({ dispose: () => DashboardPanel.openPanels.delete(key) });
    this.model = new DashboardModel(DashboardPanel.titleFor(runFolder), runFolder, { phase: 'loading', message: `Reading ${path.basename(runFolder)}…` }, undefined, accuracyTolerancePp);
    this.batcher = this.register(new UpdateBatcher(() => this.flush()));
    void this.load(live);
  }

  /** Reads the run folder (asynchronously: metrics.jsonl can be large), then follows the live run if it is still going. */
  private async load(live: LiveRunSource | undefined): Promise<void> {
    const contents = await readRunFolder(this.runFolder);
    if (this.isDisposed) return;
    // A live run attached meanwhile already set the status; its records and the file's overlap, and the model keeps one of each.
    if (this.model.currentStatus.phase === 'loading') this.model.setStatus(statusFromFolder(contents, live !== undefined));
    this.model.setBaseline(contents.baseline);
    this.model.setSummary(contents.summary);
    this.model.setMetricsThinning(contents.metricsThinned);
    this.model.addRecords(contents.metrics);
    if (live && !contents.summary && !this.live) this.attach(live);
    this.batcher.schedule();
  }

  /** Follows a live run; a second attach replaces the first (a resumed run). */
  attach(live: LiveRunSource): void {
    this.live?.dispose();
    const mine = (folder: string | undefined): boolean => sameFolder(folder, this.runFolder);
    const subscriptions = [
      live.onProgress((p) => {
        if (!mine(p.runFolder)) return;
        this.model.setStatus({ phase: 'running', message: 'Training…', progress: progressText(p) });
        this.batcher.schedule();
      }),
      live.onMetrics((m) => {
        if (!mine(m.runFolder)) return;
        this.model.addRecords(m.records);
        this.batcher.schedule();
      }),
      live.onLayerErrors((e) => {
        if (!mine(e.runFolder)) return;
        // The PTQ report comes with baseline.json written: the accuracy references can show.
        void readRunFolder(this.runFolder).then((contents) => {
          this.model.setBaseline(contents.baseline);
          this.batcher.schedule();
        });
      }),
      live.onFinished((f) => {
        if (!mine(f.runFolder)) return;
        void this.ended();
      }),
      live.onFailed((f) => {
        if (!mine(f.runFolder)) return;
        void this.ended(f.message);
      }),
    ];
    this.live = this.register(vscode.Disposable.from(...subscriptions));
    if (this.model.currentStatus.phase !== 'running') this.model.setStatus({ phase: 'running', message: 'Training…' });
    this.batcher.schedule();
  }

  /** The run is over: the folder now says how it ended. */
  private async ended(failure?: string): Promise<void> {
    this.live?.dispose();
    this.live = undefined;
    const contents = await readRunFolder(this.runFolder);
    if (this.isDisposed) return;
    // Records whose notifications were still on their way are in metrics.jsonl.
    this.model.addRecords(contents.metrics);
    this.model.setBaseline(contents.baseline);
    this.model.setSummary(contents.summary);
    const status = statusFromFolder(contents, false);
    this.model.setStatus(failure !== undefined && status.phase !== 'failed' ? { phase: 'failed', message: failure } : status);
    this.batcher.schedule();
  }

  private flush(): void {
    if (!this.isReady) return;
    const change = this.model.takeChange();
    if (change?.kind === 'snapshot') this.post({ type: 'snapshot', state: change.state });
    else if (change?.kind === 'update') this.post({ type: 'update', update: change.update });
  }

  protected snapshot(): PanelState {
    return this.model.snapshot();
  }

  protected async handle(message: Exclude<WebviewToHostMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'setSmoothing':
        this.model.setSmoothing(message.smoothing);
        this.batcher.schedule();
        return;
      case 'openFile':
        await openRunFile(this.runFolder, message.file);
        return;
      case 'showLayers':
        this.showLayers(this.runFolder);
        return;
      case 'selectLayer':
      case 'excludeLayer':
        return; // The layers panel's messages.
      default:
        assertNever(message);
    }
  }
}
