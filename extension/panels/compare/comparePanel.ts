/** Compares two or more run folders, read from disk. One compare panel, re-used for each new selection. */
import * as vscode from 'vscode';
import type { CompareState, WebviewToHostMessage } from '../../../webview/protocol.ts';
import { assertNever } from '../../../webview/protocol.ts';
import { PanelHost, panelWebviewOptions } from '../panelHost.ts';
import { readRunFolder, type RunFolderContents } from '../../runHistory/runFolderReader.ts';
import { compareState } from './compareState.ts';
import { accuracyTolerancePp } from '../../accuracyTolerance.ts';

export class ComparePanel extends PanelHost {
  static readonly viewType = 'distq.compare';
  private static current: ComparePanel | undefined;

  static createOrShow(extensionUri: vscode.Uri, runFolders: readonly string[]): ComparePanel {
    const existing = ComparePanel.current;
    if (existing) {
      existing.show(runFolders);
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, 'Compare Runs', vscode.ViewColumn.Active, panelWebviewOptions(extensionUri));
    return new ComparePanel(panel, extensionUri, runFolders);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runFolders: readonly string[]): ComparePanel {
    return new ComparePanel(panel, extensionUri, runFolders);
  }

  /** The runs' contents once read; undefined while they are being read. */
  private runs: RunFolderContents[] | undefined;

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private runFolders: readonly string[]) {
    super(panel, extensionUri, 'compare');
    ComparePanel.current = this;
    this.register({ dispose: () => { if (ComparePanel.current === this) ComparePanel.current = undefined; } });
    this.show(runFolders);
  }

  /** Reads the runs (asynchronously: their metrics logs can be large), then shows them. */
  private show(runFolders: readonly string[]): void {
    const selection = [...runFolders];
    this.runFolders = selection;
    this.runs = undefined;
    this.post({ type: 'snapshot', state: this.snapshot() });
    void Promise.all(selection.map(readRunFolder)).then((runs) => {
      if (this.runFolders !== selection || this.isDisposed) return; // Another selection came meanwhile.
      this.runs = runs;
      this.post({ type: 'snapshot', state: this.snapshot() });
    });
  }

  protected snapshot(): CompareState {
    if (this.runs) return compareState(this.runs, accuracyTolerancePp());
    return {
      kind: 'compare', title: `Compare · ${this.runFolders.length} runs`, runFolders: [...this.runFolders], status: { phase: 'loading', message: `Reading ${this.runFolders.length} runs…` },
      table: { columns: [], rows: [] }, loss: { steps: [], series: [] }, accuracy: { epochs: [], series: [] }, settings: { paths: [], values: [] },
    };
  }

  protected async handle(message: Exclude<WebviewToHostMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'setSmoothing':
      case 'selectLayer':
      case 'excludeLayer':
      case 'openFile':
      case 'showLayers':
        return; // Not offered in this panel.
      default:
        assertNever(message);
    }
  }
}
