/**
 * Starts code-server (real VS Code, Node extension host) on loopback for one test run, and stops it
 * with its whole process group: killing only the main process leaves the extension host running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { testTools } from './testTools.ts';

export interface CodeServerOptions {
  /** A folder of this run; code-server's XDG folders, config and log go there. */
  readonly runFolder: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** false: the workspace opens in restricted mode, as a user who has not trusted it sees it. */
  readonly trustWorkspace: boolean;
  /** Needed for extension tests (the workbench reads the test payload only then); it hides notification toasts. */
  readonly smokeTestDriver: boolean;
  /** User settings written before the start. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
}

export interface CodeServer {
  readonly origin: string;
  readonly port: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

const healthTimeoutMs = Number(process.env.DISTQ_CODE_SERVER_START_TIMEOUT_MS ?? 180_000);

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = await findFreePort();
  const xdg = (name: string): string => makeFolder(path.join(options.runFolder, 'xdg', name));
  const configFile = path.join(options.runFolder, 'code-server.yaml');
  fs.writeFileSync(configFile, '');
  writeUserSettings(options.userDataDir, options.userSettings ?? {});
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  const logFile = path.join(options.runFolder, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    testTools.codeServerEntry, '--config', configFile, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', options.userDataDir, '--extensions-dir', options.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--ignore-last-opened',
    ...(options.trustWorkspace ? ['--disable-workspace-trust'] : []),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const child = spawn(testTools.node24, args, {
    detached: true, // its own process group, so stop() reaches the extension host too
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      PATH: `${path.dirname(testTools.node24)}${path.delimiter}${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_CACHE_HOME: xdg('cache'),
    },
  });
  fs.closeSync(log);
  const server: CodeServer = { origin: `http://127.0.0.1:${port}`, port, logFile, stop: () => stopProcessGroup(child) };
  try {
    await waitUntilHealthy(server.origin, child);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}; its log: ${logFile}\n${tail(logFile)}`);
  }
  return server;
}

function makeFolder(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

function writeUserSettings(userDataDir: string, settings: Readonly<Record<string, unknown>>): void {
  const folder = path.join(userDataDir, 'User');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'settings.json'), JSON.stringify(settings, null, 2));
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function waitUntilHealthy(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer /healthz within ${healthTimeoutMs / 1000} s`);
}

/** TERM the group, KILL it after a few seconds if anything in it is still alive. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const groupId = child.pid;
  if (groupId === undefined) return;
  if (!signalGroup(groupId, 'SIGTERM')) return;
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (!signalGroup(groupId, 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup(groupId, 'SIGKILL');
}

/** Sends a signal to a process group; false when the group no longer exists. */
function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false;
  }
}

export function tail(file: string, lines = 40): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}
