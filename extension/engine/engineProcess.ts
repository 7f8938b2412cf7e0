/**
 * Starting and ending the engine process. The engine is forked as a direct,
 * non-detached child: it starts no processes of its own (ONNX Runtime uses
 * threads), so it is the whole process tree, and killing it ends everything it
 * runs. Not detaching keeps it in the extension host's process group, so whoever
 * ends the host's group (a test harness, code-server) ends the engine too; and the
 * engine exits by itself when its IPC channel closes.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface EngineLaunch {
  /** dist/engine.js. */
  enginePath: string;
  /** The Node executable; on desktop VS Code the host's own is Electron, run as Node. */
  execPath: string;
  /** Working directory: the first workspace folder, so the engine's relative paths read well. */
  cwd: string;
}

export function forkEngine(launch: EngineLaunch): ChildProcess {
  return fork(launch.enginePath, ['serve'], {
    execPath: launch.execPath,
    // The host's own flags (inspector ports, loaders) must not leak into the engine.
    execArgv: [],
    cwd: launch.cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
}

/** Kills the engine at once; SIGKILL because a stuck step would ignore anything gentler. */
export function killEngine(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}
