/**
 * One end-to-end session: code-server with DistQ installed as a user installs it (linked into the
 * extensions folder, so no smoke-test driver and notification toasts show), a copy of the fixture
 * workspace, and Chromium on the workbench. Screenshots go to test-results/e2e/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type CodeServer } from '../../scripts/harness/codeServer.ts';
import type { Page } from '../../scripts/harness/playwrightApi.ts';
import { assertTestToolsInstalled, repositoryRoot } from '../../scripts/harness/testTools.ts';
import { launchWorkbenchBrowser, type WorkbenchBrowser } from '../../scripts/harness/workbenchBrowser.ts';
import { isWorkbenchNoise } from '../../scripts/harness/workbenchNoise.ts';
import { workbenchSettings } from '../../scripts/harness/workbenchSettings.ts';
import { workbenchUrl } from '../../scripts/harness/workbenchUrl.ts';

export const screenshotFolder = path.join(repositoryRoot, 'test-results', 'e2e');
const fixtureWorkspace = path.join(repositoryRoot, 'test/fixtures/workspace');

export interface WorkbenchSessionOptions {
  /** The folder whose copy is the workspace (default: test/fixtures/workspace). */
  readonly workspaceSource?: string;
  /** Settings on top of the test workbench's own. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
}

export interface WorkbenchSession {
  readonly page: Page;
  /** The run's copy of the workspace source. */
  readonly workspace: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
  readonly main: string;
}

/** The repository itself, linked where VS Code keeps installed extensions. */
function linkExtension(extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as Manifest;
  const bundle = path.join(repositoryRoot, manifest.main);
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: build the extension first (node scripts/build.mjs)`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(repositoryRoot, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

export async function openWorkbenchSession(name: string, options: WorkbenchSessionOptions = {}): Promise<WorkbenchSession> {
  assertTestToolsInstalled();
  const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), `distq-e2e-${name}-`));
  const workspace = path.join(runFolder, 'workspace');
  fs.cpSync(options.workspaceSource ?? fixtureWorkspace, workspace, { recursive: true });
  const userDataDir = path.join(runFolder, 'user-data');
  const extensionsDir = path.join(runFolder, 'extensions');
  linkExtension(extensionsDir);
  let server: CodeServer | undefined;
  let browser: WorkbenchBrowser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(runFolder, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    server = await startCodeServer({
      runFolder, userDataDir, extensionsDir,
      trustWorkspace: true, smokeTestDriver: false, userSettings: { ...workbenchSettings, ...options.userSettings },
    });
    browser = await launchWorkbenchBrowser(runFolder);
    const { page } = browser;
    page.on('pageerror', (error) => {
      if (process.env.DISTQ_TEST_VERBOSE === '1' || !isWorkbenchNoise(error.message)) console.error(`[workbench page error] ${error.message}`);
    });
    await page.goto(workbenchUrl(server, workspace), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 120_000 });
    fs.mkdirSync(screenshotFolder, { recursive: true });
    const screenshot = async (shot: string): Promise<string> => {
      const file = path.join(screenshotFolder, `${shot}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    return { page, workspace, screenshot, close };
  } catch (error) {
    await close();
    throw error;
  }
}
