/**
 * The host half shared by every DistQ panel: webview options limited to dist/ and
 * media/, the nonce-CSP page, the ready handshake, typed posting and one place for
 * disposables. Subclasses answer `ready` with a snapshot and handle the rest.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../disposable.ts';
import type { HostToWebviewMessage, PanelState, WebviewToHostMessage } from '../../webview/protocol.ts';
import { createNonce, panelHtml } from './panelHtml.ts';
import { parseWebviewMessage } from './webviewMessages.ts';

export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Two run-folder paths name the same run (case and separators aside on Windows). */
export function sameFolder(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const norm = (p: string): string => (process.platform === 'win32' ? path.resolve(p).toLowerCase() : path.resolve(p));
  return norm(a) === norm(b);
}

export abstract class PanelHost extends Disposable {
  private webviewReady = false;

  protected constructor(
    protected readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    kind: PanelState['kind'],
  ) {
    super();
    const webview = panel.webview;
    webview.options = panelWebviewOptions(extensionUri);
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce((n) => crypto.randomBytes(n)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUris: [
        webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.css')).toString(),
        webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panels.css')).toString(),
      ],
      title: panel.title,
      kind,
    });
    this.register(panel);
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
  }

  /** Posts once the webview said it is ready; earlier messages would be lost, and its ready triggers a snapshot anyway. */
  protected post(message: HostToWebviewMessage): void {
    if (this.webviewReady && !this.isDisposed) void this.panel.webview.postMessage(message);
  }

  protected get isReady(): boolean {
    return this.webviewReady;
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    if (message.type === 'ready') {
      // A reload (or a revived panel) says ready again: it gets a fresh snapshot.
      this.webviewReady = true;
      this.post({ type: 'snapshot', state: this.snapshot() });
      return;
    }
    void this.handle(message).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`DistQ: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** The whole state, for `ready` and whenever appending will not do. */
  protected abstract snapshot(): PanelState;

  /** Every message but `ready`. */
  protected abstract handle(message: Exclude<WebviewToHostMessage, { type: 'ready' }>): Promise<void>;
}
