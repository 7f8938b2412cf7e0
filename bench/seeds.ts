/**
 * Multi-seed study: runs each variant's config once per seed and prints mean, sample std,
 * min and max of the chosen accuracy, then paired differences (per-seed A − B) for declared pairs.
 *
 *   node --import tsx bench/seeds.ts [--seeds 0,1,2] [--only GROUP|VARIANT] [--fresh] [--list]
 *
 * Variants and pairs live in bench/experiments/study.ts. A config is run once per seed and
 * its result serves every variant that reads it (PTQ and QAT come from the same run). Results
 * are cached in bench/experiments/results.jsonl, keyed by config text, the contents of the model
 * and teacher files it names, command and seed, so an
 * interrupted study continues where it stopped; --fresh ignores the cache. The study runs a
 * copy of dist/engine.js taken at its start, so a rebuild by someone else cannot change it midway;
 * each result records that build's hash, and a table built from more than one build says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonc } from '../engine/config/jsonc.ts';
import { STUDY, type StudyGroup, type Variant } from './experiments/study.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_FILE = path.join(ROOT, 'bench', 'experiments', 'results.jsonl');
const ENGINE = path.join(ROOT, 'dist', 'engine.js');
// Beside dist/ so the copy still finds onnxruntime-node in node_modules.
const ENGINE_COPY = path.join(ROOT, 'bench', 'experiments', `.engine-${process.pid}.js`);

interface RunRecord {
  key: string;
  config: string;
  command: Variant['command'];
  seed: number;
  accuracy: Record<string, number | null>;
  seconds: number;
  /** sha256 (16 hex digits) of the engine bundle that produced it. */
  engine: string;
  /** sha256 (16 hex digits) of the model and teacher files. */
  models: string[];
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Files to remove and engine processes to stop if the study is interrupted. */
const temporaryFiles = new Set<string>();
const runningEngines = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of runningEngines) child.kill();
    for (const file of temporaryFiles) fs.rmSync(file, { recursive: true, force: true });
    process.exit(130);
  });
}

const hashOf = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Hashes of the model and teacher files: a retrained teacher (npm run demo rewrites examples/mnist/*.trained.onnx) is a new experiment. */
function modelHashes(configPath: string, configText: string): string[] {
  const config = parseJsonc(configText) as { model?: { path?: string }; teacher?: { path?: string } };
  return [config.model?.path, config.teacher?.path]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => hashOf(fs.readFileSync(path.resolve(path.dirname(configPath), p))));
}

function runKey(configText: string, models: string[], command: Variant['command'], seed: number): string {
  return hashOf(`${command}\n${seed}\n${models.join(',')}\n${configText}`);
}

function readCache(): Map<string, RunRecord> {
  const cache = new Map<string, RunRecord>();
  if (!fs.existsSync(RESULTS_FILE)) return cache;
  for (const line of fs.readFileSync(RESULTS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as RunRecord;
    cache.set(record.key, record);
  }
  return cache;
}

/** The config with this seed, and its outputs sent to a scratch folder so the study leaves no run folders behind. */
function seededConfigText(configText: string, seed: number, scratch: string): string {
  const config = parseJsonc(configText) as { training?: Record<string, unknown>; output?: Record<string, unknown> };
  config.training = { ...config.training, seed };
  config.output = { ...config.output, runsFolder: path.join(scratch, 'runs'), model: path.join(scratch, 'trained.onnx') };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function runEngine(command: Variant['command'], configFile: string): Promise<{ accuracy: Record<string, number | null>; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENGINE_COPY, command, configFile, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    runningEngines.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      runningEngines.delete(child);
      const last = stdout.trim().split('\n').pop() ?? '';
      let result: { type?: string; accuracy?: Record<string, number | null>; testAccuracy?: number; seconds?: number; message?: string } = {};
      try {
        result = JSON.parse(last) as typeof result;
      } catch {
        // Falls through to the error below with the engine's stderr.
      }
      if (code !== 0 || result.type !== 'result') {
        reject(new Error(`${command} ${configFile} failed (exit ${code}): ${result.message ?? stderr.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      const accuracy = command === 'train' ? { fp32: result.testAccuracy ?? null } : (result.accuracy ?? {});
      resolve({ accuracy, seconds: result.seconds ?? 0 });
    });
  });
}

async function runOnce(variant: Variant, seed: number, cache: Map<string, RunRecord>, engine: string): Promise<RunRecord> {
  const configPath = path.resolve(ROOT, variant.config);
  const configText = fs.readFileSync(configPath, 'utf8');
  const models = modelHashes(configPath, configText);
  const key = runKey(configText, models, variant.command, seed);
  const cached = cache.get(key);
  if (cached) return cached;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-seeds-'));
  // Beside the original so the config's relative model and data paths still resolve.
  const seededFile = path.join(path.dirname(configPath), `.seed${seed}-${process.pid}-${path.basename(configPath)}`);
  temporaryFiles.add(seededFile).add(scratch);
  try {
    fs.writeFileSync(seededFile, seededConfigText(configText, seed, scratch));
    const { accuracy, seconds } = await runEngine(variant.command, seededFile);
    const record: RunRecord = { key, config: variant.config, command: variant.command, seed, accuracy, seconds, engine, models };
    fs.appendFileSync(RESULTS_FILE, `${JSON.stringify(record)}\n`);
    cache.set(key, record);
    process.stderr.write(`  ${variant.config} ${variant.command} seed ${seed}: ${Object.entries(accuracy).map(([k, v]) => `${k} ${v === null ? '-' : (100 * v).toFixed(2)}`).join(', ')} (${seconds.toFixed(0)} s)\n`);
    return record;
  } finally {
    fs.rmSync(seededFile, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
    temporaryFiles.delete(seededFile);
    temporaryFiles.delete(scratch);
  }
}

interface Stats {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

function statsOf(values: number[]): Stats {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

const pct = (fraction: number): string => (100 * fraction).toFixed(2);

function printGroup(group: StudyGroup, seeds: number[], valuesOf: Map<string, number[]>, engines: Set<string>): void {
  console.log(`\n## ${group.name}: ${group.description}`);
  console.log(`seeds ${seeds.join(',')}; engine build ${[...engines].join(', ')}${engines.size > 1 ? ' (MORE THAN ONE BUILD: rerun with --fresh to compare like with like)' : ''}\n`);
  console.log('| variant | config (metric) | n | mean % | std | min | max | per seed |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const variant of group.variants) {
    const values = valuesOf.get(variant.name)!;
    const s = statsOf(values);
    console.log(`| ${variant.name} | ${variant.config} (${variant.metric}) | ${s.n} | ${pct(s.mean)} | ${pct(s.std)} | ${pct(s.min)} | ${pct(s.max)} | ${values.map(pct).join(' ')} |`);
  }
  if (!group.pairs.length) return;
  // t = mean / (std / √n): the paired difference in units of its standard error across seeds.
  console.log('\n| difference | mean pp | std pp | t | per seed pp |');
  console.log('|---|---|---|---|---|');
  for (const [a, b] of group.pairs) {
    const left = valuesOf.get(a)!;
    const right = valuesOf.get(b)!;
    const differences = left.map((v, i) => v - right[i]!);
    const s = statsOf(differences);
    const t = s.std > 0 ? s.mean / (s.std / Math.sqrt(s.n)) : s.mean === 0 ? 0 : Infinity * Math.sign(s.mean);
    console.log(`| ${a} − ${b} | ${s.mean >= 0 ? '+' : ''}${pct(s.mean)} | ${pct(s.std)} | ${t.toFixed(1)} | ${differences.map(pct).join(' ')} |`);
  }
}

async function main(): Promise<void> {
  const seeds = (option('seeds') ?? '0,1,2').split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error('--seeds takes non-negative integers, e.g. 0,1,2');
  const only = option('only');
  const fresh = process.argv.includes('--fresh');
  const groups = STUDY
    .map((group) => (only === undefined || group.name === only ? group : { ...group, variants: group.variants.filter((v) => v.name === only), pairs: [] }))
    .filter((group) => group.variants.length > 0);
  if (process.argv.includes('--list') || groups.length === 0) {
    for (const group of STUDY) console.log(`${group.name}: ${group.variants.map((v) => v.name).join(', ')}`);
    if (groups.length === 0) throw new Error(`--only ${only}: no group or variant of that name`);
    return;
  }
  if (!fs.existsSync(ENGINE)) throw new Error('dist/engine.js is missing: run node scripts/build.mjs first');
  fs.copyFileSync(ENGINE, ENGINE_COPY);
  temporaryFiles.add(ENGINE_COPY);
  try {
    await runStudy(groups, seeds, fresh);
  } finally {
    fs.rmSync(ENGINE_COPY, { force: true });
  }
}

async function runStudy(groups: StudyGroup[], seeds: number[], fresh: boolean): Promise<void> {
  const engine = hashOf(fs.readFileSync(ENGINE_COPY));
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}); engine build ${engine}`);
  // --fresh ignores earlier results but still shares one run between the variants that read it.
  const cache = fresh ? new Map<string, RunRecord>() : readCache();
  for (const group of groups) {
    const valuesOf = new Map<string, number[]>();
    const engines = new Set<string>();
    for (const variant of group.variants) {
      const values: number[] = [];
      for (const seed of seeds) {
        const record = await runOnce(variant, seed, cache, engine);
        engines.add(record.engine);
        const value = record.accuracy[variant.metric];
        if (typeof value !== 'number') throw new Error(`${variant.config}: the result has no accuracy.${variant.metric}`);
        values.push(value);
      }
      valuesOf.set(variant.name, values);
    }
    printGroup(group, seeds, valuesOf, engines);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
