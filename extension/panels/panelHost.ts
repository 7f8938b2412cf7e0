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
import { openPanelProbes, POSTED_KEPT, type PanelProbe } from './panelProbes.ts';
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

export abstract class PanelHost extends Disposable implements PanelProbe {
  private webviewReady = false;
  private readonly postedMessages: HostToWebviewMessage[] = [];

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
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    openPanelProbes.add(this);
    this.register({ dispose: () => openPanelProbes.delete(this) });
  }

  get viewType(): string {
    return this.panel.viewType;
  }

  get title(): string {
    return this.panel.title;
  }

  /** Test seam (panelProbes.ts): what this panel posted to its webview. */
  get posted(): readonly HostToWebviewMessage[] {
    return this.postedMessages;
  }

  /** Posts once the webview said it is ready; earlier messages would be lost, and its ready triggers a snapshot anyway. */
  protected post(message: HostToWebviewMessage): void {
    if (!this.webviewReady || this.isDisposed) return;
    void this.panel.webview.postMessage(message);
    this.postedMessages.push(message);
    if (this.postedMessages.length > POSTED_KEPT) this.postedMessages.shift();
  }

  protected get isReady(): boolean {
    return this.webviewReady;
  }

  /** A message from the webview (or a test acting as it); resolves once handled. */
  receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return Promise.resolve();
    if (message.type === 'ready') {
      // A reload (or a revived panel) says ready again: it gets a fresh snapshot.
      this.webviewReady = true;
      this.post({ type: 'snapshot', state: this.snapshot() });
      return Promise.resolve();
    }
    return this.handle(message).catch((error: unknown) => {
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
