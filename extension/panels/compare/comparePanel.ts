/** Compares two or more run folders, read from disk. One compare panel, re-used for each new selection. */
import * as vscode from 'vscode';
import type { CompareState, WebviewToHostMessage } from '../../../webview/protocol.ts';
import { assertNever } from '../../../webview/protocol.ts';
import { PanelHost, panelWebviewOptions } from '../panelHost.ts';
import { readRunFolder } from '../../runHistory/runFolderReader.ts';
import { compareState } from './compareState.ts';

export class ComparePanel extends PanelHost {
  static readonly viewType = 'distq.compare';
  private static current: ComparePanel | undefined;

  static createOrShow(extensionUri: vscode.Uri, runFolders: readonly string[]): ComparePanel {
    const existing = ComparePanel.current;
    if (existing) {
      existing.runFolders = [...runFolders];
      existing.post({ type: 'snapshot', state: existing.snapshot() });
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, 'Compare Runs', vscode.ViewColumn.Active, panelWebviewOptions(extensionUri));
    return new ComparePanel(panel, extensionUri, runFolders);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, runFolders: readonly string[]): ComparePanel {
    return new ComparePanel(panel, extensionUri, runFolders);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private runFolders: readonly string[]) {
    super(panel, extensionUri, 'compare');
    ComparePanel.current = this;
    this.register({ dispose: () => { if (ComparePanel.current === this) ComparePanel.current = undefined; } });
  }

  protected snapshot(): CompareState {
    return compareState(this.runFolders.map(readRunFolder));
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
