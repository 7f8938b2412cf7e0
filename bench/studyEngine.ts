/**
 * What the multi-seed studies (bench/seeds.ts, bench/tuningStudy.ts) share: a copy of
 * dist/engine.js taken at the study's start, so a rebuild by someone else cannot change it midway,
 * the engine run on it with --json, hashes that key cached results, and cleanup when the study is
 * interrupted (the engines it started stopped, its temporary files removed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonc } from '../engine/config/jsonc.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ENGINE = path.join(ROOT, 'dist', 'engine.js');
// Beside dist/ so the copy still finds onnxruntime-node in node_modules.
const ENGINE_COPY = path.join(ROOT, 'bench', 'experiments', `.engine-${process.pid}.js`);

/** Files to remove and engine processes to stop if the study is interrupted. */
export const temporaryFiles = new Set<string>();
const runningEngines = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of runningEngines) child.kill();
    for (const file of temporaryFiles) fs.rmSync(file, { recursive: true, force: true });
    process.exit(130);
  });
}

export const hashOf = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Hashes of the model and teacher files: a retrained teacher (npm run demo rewrites examples/mnist/*.trained.onnx) is a new experiment. */
export function modelHashes(configPath: string, configText: string): string[] {
  const config = parseJsonc(configText) as { model?: { path?: string }; teacher?: { path?: string } };
  return [config.model?.path, config.teacher?.path]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => hashOf(fs.readFileSync(path.resolve(path.dirname(configPath), p))));
}

/** Runs `study` on a copy of dist/engine.js, passing the copy's hash (the build every result records). */
export async function withEngineCopy<T>(study: (engineHash: string) => Promise<T>): Promise<T> {
  if (!fs.existsSync(ENGINE)) throw new Error('dist/engine.js is missing: run node scripts/build.mjs first');
  fs.copyFileSync(ENGINE, ENGINE_COPY);
  temporaryFiles.add(ENGINE_COPY);
  try {
    return await study(hashOf(fs.readFileSync(ENGINE_COPY)));
  } finally {
    fs.rmSync(ENGINE_COPY, { force: true });
    temporaryFiles.delete(ENGINE_COPY);
  }
}

/** The engine's result line (`{type: 'result', …}`) of `distq ARGS --json`; rejects with the engine's message when it fails. */
export function runEngineCommand(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENGINE_COPY, ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    runningEngines.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      runningEngines.delete(child);
      const last = stdout.trim().split('\n').pop() ?? '';
      let result: Record<string, unknown> = {};
      try {
        result = JSON.parse(last) as Record<string, unknown>;
      } catch {
        // Falls through to the error below with the engine's stderr.
      }
      if (code !== 0 || result.type !== 'result') {
        const message = typeof result.message === 'string' ? result.message : stderr.trim().split('\n').slice(-3).join(' | ');
        reject(new Error(`${args.join(' ')} failed (exit ${code}): ${message}`));
        return;
      }
      resolve(result);
    });
  });
}

/** A config as a study edits it: what `withSeededConfig` sets, and the rest as read. */
export type StudyConfig = Record<string, unknown> & { training?: Record<string, unknown>; output?: Record<string, unknown> };

/**
 * Writes `config` with this seed, its runs in `runsFolder` and its trained model there too, beside
 * the original (its relative model and data paths still resolve), for the one engine command `work` runs.
 */
export async function withSeededConfig<T>(configPath: string, stage: string, config: StudyConfig, seed: number, runsFolder: string, work: (file: string) => Promise<T>): Promise<T> {
  const seeded = { ...config, training: { ...config.training, seed }, output: { ...config.output, runsFolder, model: path.join(runsFolder, 'trained.onnx') } };
  const file = path.join(path.dirname(configPath), `.seed${seed}-${process.pid}-${stage}-${path.basename(configPath)}`);
  temporaryFiles.add(file);
  try {
    fs.writeFileSync(file, `${JSON.stringify(seeded, null, 2)}\n`);
    return await work(file);
  } finally {
    fs.rmSync(file, { force: true });
    temporaryFiles.delete(file);
  }
}
