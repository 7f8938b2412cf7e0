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
 * each result records that build's hash (bench/studyEngine.ts), and a table built from more than one build says so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonc } from '../engine/config/jsonc.ts';
import { STUDY, type StudyGroup, type Variant } from './experiments/study.ts';
import { hashOf, modelHashes, runEngineCommand, temporaryFiles, withEngineCopy, withSeededConfig, type StudyConfig } from './studyEngine.ts';
import { appendKeyedRecord, readKeyedRecords } from './studyRecords.ts';
import { pairedT, pct, statsOf } from './seedStatistics.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_FILE = path.join(ROOT, 'bench', 'experiments', 'results.jsonl');

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

function runKey(configText: string, models: string[], command: Variant['command'], seed: number): string {
  return hashOf(`${command}\n${seed}\n${models.join(',')}\n${configText}`);
}

async function runEngine(command: Variant['command'], configFile: string): Promise<{ accuracy: Record<string, number | null>; seconds: number }> {
  const result = await runEngineCommand([command, configFile]) as { accuracy?: Record<string, number | null>; testAccuracy?: number; seconds?: number };
  const accuracy = command === 'train' ? { fp32: result.testAccuracy ?? null } : (result.accuracy ?? {});
  return { accuracy, seconds: result.seconds ?? 0 };
}

async function runOnce(variant: Variant, seed: number, cache: Map<string, RunRecord>, engine: string): Promise<RunRecord> {
  const configPath = path.resolve(ROOT, variant.config);
  const configText = fs.readFileSync(configPath, 'utf8');
  const models = modelHashes(configPath, configText);
  const key = runKey(configText, models, variant.command, seed);
  const cached = cache.get(key);
  if (cached) return cached;
  // Its outputs go to a scratch folder, so the study leaves no run folders behind.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-seeds-'));
  temporaryFiles.add(scratch);
  try {
    const config = parseJsonc(configText) as StudyConfig;
    const { accuracy, seconds } = await withSeededConfig(configPath, variant.command, config, seed, path.join(scratch, 'runs'), (file) => runEngine(variant.command, file));
    const record: RunRecord = { key, config: variant.config, command: variant.command, seed, accuracy, seconds, engine, models };
    appendKeyedRecord(RESULTS_FILE, cache, record);
    process.stderr.write(`  ${variant.config} ${variant.command} seed ${seed}: ${Object.entries(accuracy).map(([k, v]) => `${k} ${v === null ? '-' : (100 * v).toFixed(2)}`).join(', ')} (${seconds.toFixed(0)} s)\n`);
    return record;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    temporaryFiles.delete(scratch);
  }
}

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
  console.log('\n| difference | mean pp | std pp | t | per seed pp |');
  console.log('|---|---|---|---|---|');
  for (const [a, b] of group.pairs) {
    const left = valuesOf.get(a)!;
    const right = valuesOf.get(b)!;
    const differences = left.map((v, i) => v - right[i]!);
    const s = statsOf(differences);
    const t = pairedT(s);
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
  await withEngineCopy((engine) => runStudy(groups, seeds, fresh, engine));
}

async function runStudy(groups: StudyGroup[], seeds: number[], fresh: boolean, engine: string): Promise<void> {
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}); engine build ${engine}`);
  // --fresh ignores earlier results but still shares one run between the variants that read it.
  const cache = fresh ? new Map<string, RunRecord>() : readKeyedRecords<RunRecord>(RESULTS_FILE);
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
