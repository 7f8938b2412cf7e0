/**
 * The HTML every DistQ panel starts from: a strict Content Security Policy that
 * lets in only the extension's own scripts and styles (the script by nonce), and a
 * root element the webview's script fills. No `vscode` here: the headless browser
 * tests load the very same page.
 */
import type { PanelState } from '../../webview/protocol.ts';

export interface PanelHtmlOptions {
  /** webview.cspSource: the origin the webview's resources come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  title: string;
  kind: PanelState['kind'];
}

/** 32 characters from [A-Za-z0-9]; a new one for every page. */
export function createNonce(random: (bytes: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), (b) => alphabet[b % alphabet.length]).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    // The nonce lets the toolkit (FAST) probe for :focus-visible with a <style> it removes at once.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const styles = options.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.cspSource, options.nonce)}">
    <meta property="csp-nonce" content="${options.nonce}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <main id="root" data-panel="${options.kind}" aria-busy="true"><p class="status-banner" role="status">Loading…</p></main>
    <script type="module" nonce="${options.nonce}" src="${escapeHtml(options.scriptUri)}"></script>
  </body>
</html>`;
}
