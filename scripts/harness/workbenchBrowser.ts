/** Debian's Chromium, headless, driven by playwright-core, with a fresh profile per run. */
import * as path from 'node:path';
import { loadPlaywrightCore, type BrowserContext, type Page } from './playwrightApi.ts';
import { testTools } from './testTools.ts';

export interface WorkbenchBrowser {
  readonly page: Page;
  close(): Promise<void>;
}

// No GPU, no sandbox (root in a container), and nothing that reaches outside the machine.
const chromiumFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchWorkbenchBrowser(runFolder: string): Promise<WorkbenchBrowser> {
  const { chromium } = loadPlaywrightCore();
  const context: BrowserContext = await chromium.launchPersistentContext(path.join(runFolder, 'chromium-profile'), {
    executablePath: testTools.chromium,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1400, height: 900 },
    timeout: 120_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, close: () => context.close().catch(() => undefined) };
}
