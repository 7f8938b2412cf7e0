/** Shared helpers for the fault-injection tests: a tiny `distq run`, the CLI as a child process, and checks of a run folder's files. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleAliases } from '../../../scripts/bundleAliases.mjs';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { readModel, writeModel } from '../../../engine/onnx/modelFile.ts';
import { readCheckpoint } from '../../../engine/run/checkpoint.ts';
import { FAULT_VARIABLE } from '../../../engine/run/faultInjection.ts';
import type { LoadedConfig } from '../../../engine/config/loadConfig.ts';
import { loadedConfig, makeWorkspace, removeWorkspace } from '../compression/runFixtures.ts';

export const ROOT = path.resolve(__dirname, '../../..');

export interface TinyRunOptions {
  name?: string;
  epochs?: number;
  trainCount?: number;
  hidden?: number;
  runsFolder?: string;
}

/** Writes a tiny MLP and a config for it (quantized, no teacher) into `folder`. */
export function tinyRun(folder: string, options: TinyRunOptions = {}): LoadedConfig {
  const model = `mlp-${options.hidden ?? 16}.onnx`;
  if (!fs.existsSync(path.join(folder, model))) {
    writeModel(buildSequentialModel({ name: 'tiny', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: options.hidden ?? 16 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 10 }], seed: 3 }), path.join(folder, model));
  }
  const name = options.name ?? 'tiny';
  return loadedConfig(folder, {
    name,
    model: { path: model },
    data: { kind: 'mnist', trainCount: options.trainCount ?? 64, testCount: 50 },
    distillation: { kind: 'none' },
    quantization: { calibrationBatches: 1 },
    training: { epochs: options.epochs ?? 2, batchSize: 32, evalBatchSize: 50, optimizer: { kind: 'adam', learningRate: 0.01 }, logEverySteps: 1, seed: 5 },
    output: { runsFolder: options.runsFolder ?? 'runs' },
  }, `${name}.distq.json`);
}

/**
 * Bundles the CLI from the sources (as scripts/build.mjs does) into dist-test/, so each child process
 * starts in a fraction of the time `--import tsx` takes; remove the folder when done.
 */
export function bundleCli(): string {
  const outfile = path.join(ROOT, 'dist-test', `faults-${process.pid}-${Date.now()}`, 'engine.js');
  esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'engine/cli/main.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['onnxruntime-node', 'mnist'], alias: bundleAliases, logLevel: 'error',
  });
  return outfile;
}

/** A temporary workspace and a CLI bundle for one test file; dispose() removes both. */
export interface FaultWorkspace {
  workspace: string;
  cli: string;
  dispose(): void;
}

export function faultWorkspace(): FaultWorkspace {
  const workspace = makeWorkspace();
  const cli = bundleCli();
  return {
    workspace,
    cli,
    dispose: () => {
      removeWorkspace(workspace);
      fs.rmSync(path.dirname(cli), { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `distq ARGS` from a bundleCli() bundle, as a child process; `onStdout` sees its output as it comes. */
export function runCli(cli: string, args: string[], fault?: string, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env[FAULT_VARIABLE];
  if (fault) env[FAULT_VARIABLE] = fault;
  const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, child);
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/** Runs `tasks` at most `limit` at a time (the machine has two cores). */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  }));
  return results;
}

/** The only folder in `runsFolder`. */
export function onlyRunFolder(runsFolder: string): string {
  const folders = fs.readdirSync(runsFolder);
  assert.equal(folders.length, 1, `one run folder in ${runsFolder}: ${folders.join(', ')}`);
  return path.join(runsFolder, folders[0]!);
}

/**
 * Every file of a run folder parses: JSON files, models, the checkpoint; metrics.jsonl line by line.
 * After a kill, a last metrics line cut short and temporary files may be left; otherwise neither.
 */
export function assertFolderParses(runFolder: string, afterKill = false): void {
  for (const name of fs.readdirSync(runFolder)) {
    const file = path.join(runFolder, name);
    // A kill before the rename leaves its temporary file (a resume removes it); nothing else does.
    if (afterKill && /\.tmp-\d+-\d+$/.test(name)) continue;
    assert.doesNotMatch(name, /\.tmp-/, `a temporary file is left in ${runFolder}: ${name}`);
    if (name.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(fs.readFileSync(file, 'utf8')), `${name} parses`);
    else if (name.endsWith('.onnx')) assert.doesNotThrow(() => readModel(file), `${name} parses`);
    else if (name === 'checkpoint.bin') assert.doesNotThrow(() => readCheckpoint(file), `${name} parses`);
    else if (name === 'metrics.jsonl') {
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const last = lines.pop();
      if (!afterKill) assert.equal(last, '', 'metrics.jsonl ends with a whole line');
      for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `metrics.jsonl line parses: ${line.slice(0, 80)}`);
    } else assert.equal(name, 'run.lock', `a file the run folder should not hold: ${name}`);
  }
}

export function statusOf(runFolder: string): string | undefined {
  const file = path.join(runFolder, 'summary.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { status?: string }).status : undefined;
}
