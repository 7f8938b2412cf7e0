/**
 * Loads dist/webview.js in headless Chromium the way VS Code does: the page from
 * extension/panels/panelHtml.ts with its CSP and nonce, a fake acquireVsCodeApi that
 * records what the webview posts, and messages from the "host" through postMessage.
 * Resources are served from a fake https origin by request interception, so there
 * is no server and no port.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page, PlaywrightCore } from './playwrightTypes.ts';
import { panelHtml } from '../../extension/panels/panelHtml.ts';
import { THEME_BODY_CLASS, THEME_VARIABLES, type ThemeName } from './themeVariables.ts';
import type { HostToWebviewMessage, PanelState, PersistedWebviewState, WebviewToHostMessage } from '../../webview/protocol.ts';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ORIGIN = 'https://distq-webview.test';
const CHROMIUM = process.env.DISTQ_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];


/** playwright-core from .tools/ (installed by scripts/installTestTools.sh) or from node_modules. */
function loadPlaywright(): PlaywrightCore {
  const require = createRequire(path.join(ROOT, 'package.json'));
  for (const base of [path.join(ROOT, '.tools/playwright/node_modules'), path.join(ROOT, '.tools/node_modules'), path.join(ROOT, 'node_modules')]) {
    const entry = path.join(base, 'playwright-core');
    if (fs.existsSync(entry)) return require(entry) as PlaywrightCore;
  }
  throw new Error('playwright-core is not installed: run scripts/installTestTools.sh, or npm i --no-save playwright-core');
}

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingBrowserTools(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  try {
    loadPlaywright();
  } catch (error) {
    return (error as Error).message;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/webview.js'))) return 'dist/webview.js is missing: node scripts/build.mjs';
  return undefined;
}

export interface WebviewBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Chromium with the project's flags; playwright's launch gives it a fresh temporary user-data dir and removes it on close. */
/** Launches headless Chromium; throws naming what is missing (a missing tool fails a test, never skips it). */
export async function launchBrowser(): Promise<WebviewBrowser> {
  const missing = missingBrowserTools();
  if (missing) throw new Error(`the webview tests need Chromium, playwright-core and the built webview: ${missing} (bash scripts/installTestTools.sh; npm run build)`);
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  return { browser, close: () => browser.close() };
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.html': 'text/html' };

declare global {
  interface Window {
    __distq: { posted: WebviewToHostMessage[]; state: unknown; violations: string[]; errors: string[] };
  }
}

export class WebviewPage {
  private constructor(readonly page: Page, private readonly context: BrowserContext) {}

  /** A fresh page with the panel's HTML; `keptState` plays the state VS Code keeps across reloads. */
  static async open(browser: Browser, kind: PanelState['kind'], options: { keptState?: PersistedWebviewState; width?: number; height?: number } = {}): Promise<WebviewPage> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1200, height: options.height ?? 900 } });
    const page = await context.newPage();
    const html = panelHtml({ cspSource: ORIGIN, nonce: 'testnonce0123456789abcdefABCDEF', scriptUri: `${ORIGIN}/dist/webview.js`, styleUris: [`${ORIGIN}/dist/webview.css`, `${ORIGIN}/media/panels.css`], title: 'DistQ test', kind });
    await page.route(`${ORIGIN}/**`, async (route): Promise<void> => {
      const url = new URL(route.request().url());
      if (url.pathname === '/index.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
      const file = path.join(ROOT, url.pathname);
      const allowed = (url.pathname.startsWith('/dist/') || url.pathname.startsWith('/media/')) && fs.existsSync(file);
      if (!allowed) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
    });
    // tsx compiles the functions handed to the page with esbuild's keepNames, which calls a __name helper.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript((kept: PersistedWebviewState | null) => {
      window.__distq = { posted: [], state: kept ?? undefined, violations: [], errors: [] };
      document.addEventListener('securitypolicyviolation', (e) => window.__distq.violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
      window.addEventListener('error', (e) => window.__distq.errors.push(String(e.message)));
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
        postMessage: (message: WebviewToHostMessage) => window.__distq.posted.push(JSON.parse(JSON.stringify(message)) as WebviewToHostMessage),
        getState: () => window.__distq.state,
        setState: (state: unknown) => { window.__distq.state = state; },
      });
    }, options.keptState ?? null);
    page.on('pageerror', (error: Error) => console.error(`webview page error: ${error.message}`));
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => window.__distq.posted.some((m) => m.type === 'ready'));
    return new WebviewPage(page, context);
  }

  /** A message from the host, as VS Code delivers it. */
  async send(message: HostToWebviewMessage): Promise<void> {
    await this.page.evaluate((m: HostToWebviewMessage) => window.postMessage(m, '*'), message);
  }

  async posted(): Promise<WebviewToHostMessage[]> {
    return this.page.evaluate(() => window.__distq.posted);
  }

  async keptState(): Promise<PersistedWebviewState | undefined> {
    return this.page.evaluate(() => window.__distq.state as PersistedWebviewState | undefined);
  }

  async problems(): Promise<{ violations: string[]; errors: string[] }> {
    return this.page.evaluate(() => ({ violations: window.__distq.violations, errors: window.__distq.errors }));
  }

  /** The number of x values a chart card's uPlot holds, once it equals `expected` (or the timeout). */
  async chartPoints(id: string, expected?: number): Promise<number> {
    if (expected !== undefined) {
      await this.page.waitForFunction(([cardId, n]: readonly [string, number]) => document.getElementById(cardId as string)?.dataset.points === String(n), [id, expected] as const, { timeout: 5000 }).catch(() => undefined);
    }
    return Number(await this.page.getAttribute(`#${id}`, 'data-points'));
  }

  /** Sets the --vscode-* variables and body class of a theme, as VS Code does (themeVariables.ts). */
  async applyTheme(theme: ThemeName): Promise<void> {
    await this.page.evaluate(([variables, bodyClass]: readonly [Readonly<Record<string, string>>, string]) => {
      const style = document.body.style;
      for (const name of [...style].filter((property) => property.startsWith('--vscode-'))) style.removeProperty(name);
      for (const [name, value] of Object.entries(variables)) style.setProperty(name, value);
      document.body.className = bodyClass;
    }, [THEME_VARIABLES[theme], THEME_BODY_CLASS[theme]] as const);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
