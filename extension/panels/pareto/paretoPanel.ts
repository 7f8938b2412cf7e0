/**
 * A tuning's trials (tuning.json): accuracy against size and latency, the target, the chosen trial,
 * and each trial's settings against the user's config. One panel per run folder. It re-reads
 * tuning.json whenever the file changes (the engine rewrites it after every trial, from this window
 * or the CLI) and, for the tuning this window drives, on its notifications.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN_FOLDER_FILES } from '../../../contracts/runFolderLayout.ts';
import type { TuningFile } from '../../../contracts/tuningReport.ts';
import type { ParetoState, WebviewToHostMessage } from '../../../webview/protocol.ts';
import { assertNever } from '../../../webview/protocol.ts';
import { readConfigCopy, readTuningFile } from '../../runHistory/runFolderReader.ts';
import { PanelHost, panelWebviewOptions, sameFolder } from '../panelHost.ts';
import { openRunFile } from '../runFiles.ts';
import { paretoState } from './paretoState.ts';
import type { TuningLiveSource } from './tuningLiveSource.ts';

/** tuning.json is rewritten whole (a temporary name, then renamed): one read per burst of file events. */
const REREAD_DELAY_MS = 200;

export class ParetoPanel extends PanelHost {
  static readonly viewType = 'distq.pareto';
  private static readonly openPanels = new Map<string, ParetoPanel>();

  private tuning: TuningFile | undefined;
  private configText: string | undefined;
  private loaded = false;
  private live: vscode.Disposable | undefined;
  private rereadTimer: NodeJS.Timeout | undefined;

  static createOrShow(extensionUri: vscode.Uri, runFolder: string, onShowLayers: (runFolder: string) => void, live?: TuningLiveSource): ParetoPanel {
    const existing = ParetoPanel.openPanels.get(path.resolve(runFolder));
    if (existing) {
      if (live) existing.follow(live);
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ParetoPanel.viewType, `Tuning · ${path.basename(runFolder)}`, vscode.ViewColumn.Active, panelWebviewOptions(extensionUri));
    return new ParetoPanel(panel, extensionUri, runFolder, onShowLayers, live);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runFolder: string, onShowLayers: (runFolder: string) => void): ParetoPanel {
    return new ParetoPanel(panel, extensionUri, runFolder, onShowLayers, undefined);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly runFolder: string, private readonly onShowLayers: (runFolder: string) => void, live: TuningLiveSource | undefined) {
    super(panel, extensionUri, 'pareto');
    const key = path.resolve(runFolder);
    ParetoPanel.openPanels.set(key, this);
    this.register({ dispose: () => { if (ParetoPanel.openPanels.get(key) === this) ParetoPanel.openPanels.delete(key); } });
    this.register({ dispose: () => clearTimeout(this.rereadTimer) });
    this.watchTuningFile();
    if (live) this.follow(live);
    void this.load();
  }

  /**
   * Watches the run folder itself (the extension host runs where the files are, remote or not): the
   * workbench's watcher may exclude or not yet cover a run folder, and the file is replaced by a
   * rename, which a watch of the file alone would lose.
   */
  private watchTuningFile(): void {
    try {
      const watcher = fs.watch(this.runFolder, (_event, fileName) => {
        if (fileName === null || fileName === RUN_FOLDER_FILES.tuning) this.scheduleReread();
      });
      watcher.on('error', () => watcher.close());
      this.register({ dispose: () => watcher.close() });
    } catch {
      // No such folder (yet): the panel says so; the tuning's notifications still update it.
    }
  }

  /** Follows the tuning this window drives until it ends. */
  private follow(live: TuningLiveSource): void {
    this.live?.dispose();
    const ours = (folder: string | undefined): boolean => sameFolder(folder, this.runFolder);
    const ended = (folder: string | undefined): void => {
      if (!ours(folder)) return;
      this.live?.dispose();
      this.live = undefined;
      void this.load();
    };
    this.live = this.register(vscode.Disposable.from(
      live.onTrial((e) => { if (ours(e.runFolder)) this.scheduleReread(); }),
      live.onFinished((e) => ended(e.runFolder)),
      live.onFailed((e) => ended(e.runFolder)),
    ));
    if (this.isReady) this.post({ type: 'snapshot', state: this.snapshot() });
  }

  private scheduleReread(): void {
    clearTimeout(this.rereadTimer);
    this.rereadTimer = setTimeout(() => void this.load(), REREAD_DELAY_MS);
  }

  private async load(): Promise<void> {
    const [tuning, configText] = await Promise.all([readTuningFile(this.runFolder), readConfigCopy(this.runFolder)]);
    if (this.isDisposed) return;
    this.tuning = tuning;
    this.configText = configText;
    this.loaded = true;
    this.post({ type: 'snapshot', state: this.snapshot() });
  }

  protected snapshot(): ParetoState {
    const state = paretoState(this.runFolder, this.tuning, this.configText, this.live !== undefined);
    return this.loaded ? state : { ...state, status: { phase: 'loading', message: `Reading ${RUN_FOLDER_FILES.tuning}…` } };
  }

  protected async handle(message: Exclude<WebviewToHostMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'showLayers':
        this.onShowLayers(this.runFolder);
        return;
      case 'openFile':
        await openRunFile(this.runFolder, message.file);
        return;
      case 'selectLayer':
      case 'excludeLayer':
      case 'setSmoothing':
        return; // Other panels' messages.
      default:
        assertNever(message);
    }
  }
}
