/** Starts the built engine (`dist/engine.js serve`) as the extension does, for the tests that drive it over IPC. */
import * as assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';

const engine = path.resolve(__dirname, '../../../dist/engine.js');

export interface EngineProcess {
  child: ChildProcess;
  connection: MessageConnection;
  /** The engine's stderr so far. */
  stderr(): string;
}

/** Forks the engine; `register` adds notification handlers before the connection listens. */
export function startEngine(register: (connection: MessageConnection) => void = () => {}): EngineProcess {
  assert.ok(fs.existsSync(engine), 'dist/engine.js is built (npm test builds it first)');
  const child = fork(engine, ['serve'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  child.stdout?.resume();
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  register(connection);
  connection.listen();
  return { child, connection, stderr: () => stderr };
}

/** A tiny MLP config in `folder`: `epochs` epochs over `trainCount` MNIST examples. */
export function tinyConfig(folder: string, epochs: number, trainCount: number): string {
  const model = buildSequentialModel({ name: 'tiny', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: 16 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 10 }], seed: 3 });
  writeModel(model, path.join(folder, 'tiny.onnx'));
  const file = path.join(folder, `tiny-${epochs}.distq.json`);
  fs.writeFileSync(file, JSON.stringify({
    name: `tiny${epochs}`, model: { path: 'tiny.onnx' }, data: { kind: 'mnist', trainCount, testCount: 100 },
    distillation: { kind: 'none' }, quantization: { calibrationBatches: 1 },
    training: { epochs, batchSize: 32, logEverySteps: 1 },
  }));
  return file;
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the exit code when the process ends. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
