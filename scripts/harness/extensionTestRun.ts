/**
 * Runs an extensionTestsPath module in code-server's extension host, seen through Chromium, and
 * returns the tests' exit code. The workbench hands the extension host's console output to
 * window.codeAutomationLog and the exit code to window.codeAutomationExit.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { startCodeServer, tail, type CodeServer } from './codeServer.ts';
import type { LauncherArguments } from './launcherArguments.ts';
import { repositoryRoot, assertTestToolsInstalled } from './testTools.ts';
import { launchWorkbenchBrowser, type WorkbenchBrowser } from './workbenchBrowser.ts';
import { isWorkbenchNoise } from './workbenchNoise.ts';
import { workbenchSettings } from './workbenchSettings.ts';
import { workbenchUrl } from './workbenchUrl.ts';

const runTimeoutMs = Number(process.env.DISTQ_TEST_RUN_TIMEOUT_MS ?? 20 * 60_000);

/** DISTQ_TEST_* variables of this process become the extension host's environment. */
function extensionEnvironment(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('DISTQ_TEST_') && entry[1] !== undefined));
}

export async function runExtensionTestsInCodeServer(launch: LauncherArguments): Promise<number> {
  assertTestToolsInstalled();
  const trustWorkspace = process.env.DISTQ_TEST_TRUST !== 'untrusted';
  const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-code-server-'));
  let server: CodeServer | undefined;
  let browser: WorkbenchBrowser | undefined;
  let exitCode = 1;
  const cleanUp = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
  };
  const onSignal = (): void => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    server = await startCodeServer({
      runFolder,
      userDataDir: launch.userDataDir ?? path.join(runFolder, 'user-data'),
      extensionsDir: launch.extensionsDir ?? path.join(runFolder, 'extensions'),
      trustWorkspace,
      smokeTestDriver: true,
      userSettings: workbenchSettings,
    });
    console.log(`codeServerLauncher: code-server on ${server.origin} (${trustWorkspace ? 'trusted' : 'untrusted'} workspace ${launch.workspaceFolder})`);
    browser = await launchWorkbenchBrowser(runFolder);
    exitCode = await waitForTestsExit(browser, workbenchUrl(server, launch.workspaceFolder, {
      extensionDevelopmentPath: launch.extensionDevelopmentPath,
      extensionTestsPath: launch.extensionTestsPath,
      extensionEnvironment: extensionEnvironment(),
    }));
  } catch (error) {
    console.error(`codeServerLauncher: ${(error as Error).stack ?? String(error)}`);
    exitCode = 1;
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (exitCode !== 0 && server) keepLog(server.logFile);
    fs.rmSync(runFolder, { recursive: true, force: true, maxRetries: 3 });
  }
  return exitCode;
}

function waitForTestsExit(browser: WorkbenchBrowser, url: string): Promise<number> {
  const { page } = browser;
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      console.error(`codeServerLauncher: the tests did not finish within ${runTimeoutMs / 60_000} minutes`);
      resolve(1);
    }, runTimeoutMs);
    const finish = (code: number): void => {
      clearTimeout(timer);
      resolve(code);
    };
    page.on('crash', () => {
      console.error('codeServerLauncher: the workbench page crashed');
      finish(1);
    });
    void (async () => {
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const line = format(...(Array.isArray(args) ? args : [args]));
        if (isWorkbenchNoise(line)) return;
        if (type === 'error') process.stderr.write(`${line}\n`);
        else process.stdout.write(`${line}\n`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => finish(typeof code === 'number' ? code : 1));
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    })().catch((error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

/** code-server's log of a failed run goes to test-results/logs/ (the run's temporary folder is removed). */
function keepLog(logFile: string): void {
  if (!fs.existsSync(logFile)) return;
  const folder = path.join(repositoryRoot, 'test-results', 'logs');
  fs.mkdirSync(folder, { recursive: true });
  const kept = path.join(folder, `code-server-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  fs.copyFileSync(logFile, kept);
  console.error(`codeServerLauncher: code-server's log: ${kept}\n${tail(logFile, 20)}`);
}
