/**
 * The tuning study (docs/experiments.md#tuning-to-an-accuracy-target): per seed, the tuner against
 * the rule "promote the k worst-SQNR layers" at the same size.
 *
 *   npm run build
 *   node --import tsx bench/tuningStudy.ts [--config CONFIG] [--seeds 0,1,2] [--tuning '{"epochsPerTrial":2}'] [--no-controls]
 *
 * CONFIG (default bench/experiments/resnet8-w4a4-kd-tune.distq.json) needs a `tuning` section;
 * --tuning merges settings into it (a variant of the tuner, cached apart). Per seed:
 * 1. run: `distq run` of the config with that seed (QAT + distillation);
 * 2. tuner: `distq tune` on a copy of that run folder: met or not, the chosen trial's promoted
 *    layers (k), its INT8 accuracy and size, and the tuning's wall-clock seconds;
 * 3. rule: the k layers whose own SQNR is worst (the `ownSqnr` proxy of the sensitivity.json the
 *    tuning wrote) promoted as `tuning.fallback` promotes them, trained with `distq run` from
 *    scratch: what a user following the rule would do. k = 0 is the run itself;
 * 4. two controls at the chosen trial's total epochs (the run's plus one `epochsPerTrial` per trial
 *    it continued from), as each trial trains further: the rule trained that long, and the run
 *    trained that long with nothing promoted. They tell the layers chosen from the training added.
 *    --no-controls leaves them out (the table shows – and no difference for them).
 *
 * Sizes: the INT8 file stores 4-bit weights in int8 bytes, so its size does not change with a
 * promotion; the table adds the weights' size packed at their bit widths (from the run's layers.json).
 *
 * Each stage appends a record to bench/experiments/tuning-results.jsonl, keyed by what it depends on
 * (config text, model files, seed, tuning settings; the tuner's also by its search, TUNER_SEARCH), and is skipped when its record is there, so an
 * interrupted study continues where it stopped and the table is rebuilt from the file alone. The
 * run folders live in bench/.cache/tuning-study/ (the tuner needs the run's checkpoint). The engine
 * runs as bench/seeds.ts runs it (bench/studyEngine.ts): a copy of dist/engine.js, its hash in each
 * record.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonc } from '../engine/config/jsonc.ts';
import { promotedPrecision } from '../engine/tuning/promotionOrder.ts';
import { RUN_FOLDER_FILES } from '../contracts/runFolderLayout.ts';
import type { SensitivityReport } from '../contracts/sensitivityReport.ts';
import type { LayerPrecisionSetting, TuningFile, TuningTrial } from '../contracts/tuningReport.ts';
import type { LayerErrorReport } from '../contracts/layerErrorReport.ts';
import { hashOf, modelHashes, runEngineCommand, withEngineCopy, withSeededConfig } from './studyEngine.ts';
import { appendKeyedRecord, readKeyedRecords } from './studyRecords.ts';
import { pairedT, pct, statsOf } from './seedStatistics.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_FILE = path.join(ROOT, 'bench', 'experiments', 'tuning-results.jsonl');
const CACHE = path.join(ROOT, 'bench', '.cache', 'tuning-study');
const DEFAULT_CONFIG = 'bench/experiments/resnet8-w4a4-kd-tune.distq.json';

type ConfigObject = Record<string, unknown> & {
  name: string;
  training?: Record<string, unknown>;
  quantization: Record<string, unknown> & { weights?: { bits?: number }; activations?: { bits?: number }; layers?: Record<string, LayerPrecisionSetting> };
  tuning?: Record<string, unknown>;
  output?: Record<string, unknown>;
};

interface RunResult {
  int8: number;
  fakeQuant: number;
  sizeBytes: number;
  seconds: number;
}

interface StageRecord {
  key: string;
  stage: 'run' | 'tune' | DerivedStage;
  config: string;
  seed: number;
  engine: string;
  models: string[];
}

interface RunRecord extends StageRecord, RunResult {
  stage: 'run';
  teacherFp32: number | null;
  studentFp32: number;
  /** The run folder, relative to the repository (kept in bench/.cache while it exists). */
  runFolder: string;
  /** Weight elements per quantized layer (layers.json): what the packed sizes are computed from. */
  weightElements: Record<string, number>;
}

interface TuneRecord extends StageRecord, RunResult {
  stage: 'tune';
  tuning: Record<string, unknown>;
  met: boolean;
  target: number;
  reference: number;
  trials: number;
  chosen: number;
  /** The chosen trial's promoted layers, beyond the config's own `quantization.layers`. */
  promoted: string[];
  /** The trials' actions, nodes, INT8 accuracies and seconds, in order. */
  /** `fakeQuantBefore`: the trial's fake-quantized accuracy before it trained (absent in records of older engines). */
  trialLog: { action: string; node: string | null; int8: number; fakeQuantBefore?: number; fakeQuant?: number; meets: boolean; seconds: number }[];
  /** Quantized layers by own SQNR, worst first (sensitivity.json's ownSqnr proxy). */
  worstSqnrOrder: string[];
  sensitivitySeconds: number;
  /** `seconds` is the sensitivity analysis and the trials (tuning.json), which a stopped and continued tuning keeps; this is the command's wall clock, null when it continued a stopped one. */
  wallSeconds: number | null;
  /** Epochs the chosen trial's weights trained in all: the run's and every trial's it continued from. */
  chosenEpochs: number;
}

/** A fresh `distq run` of the config with layers promoted: the rule, and the controls at the chosen trial's epochs. */
type DerivedStage = 'rule' | 'ruleAtTunerEpochs' | 'runAtTunerEpochs';

interface DerivedRecord extends StageRecord, RunResult {
  stage: DerivedStage;
  promoted: string[];
  epochs: number;
}

type StudyRecord = RunRecord | TuneRecord | DerivedRecord;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The config as `distq run` reads it: without `tuning`, which a run does not use, so a tuning variant reuses the run. */
function withoutTuning(config: ConfigObject): ConfigObject {
  const { tuning: _tuning, ...rest } = config;
  return rest as ConfigObject;
}

interface RunSummaryResult {
  accuracy: { teacherFp32: number | null; studentFp32: number; qatFakeQuant: number; qatInt8: number };
  sizeBytes: { int8: number };
  seconds: number;
}

/** `distq run` of `config` into a fresh cache folder `key`. */
async function trainRun(configPath: string, stage: string, config: ConfigObject, seed: number, key: string): Promise<{ summary: RunSummaryResult; runFolder: string }> {
  const runsFolder = path.join(CACHE, key);
  fs.rmSync(runsFolder, { recursive: true, force: true });
  const summary = await withSeededConfig(configPath, stage, config, seed, runsFolder, (file) => runEngineCommand(['run', file])) as unknown as RunSummaryResult;
  const [runFolder] = fs.readdirSync(runsFolder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(runsFolder, entry.name));
  if (runFolder === undefined) throw new Error(`${config.name} seed ${seed}: no run folder in ${runsFolder}`);
  return { summary, runFolder };
}

function runResult(summary: RunSummaryResult): RunResult {
  return { int8: summary.accuracy.qatInt8, fakeQuant: summary.accuracy.qatFakeQuant, sizeBytes: summary.sizeBytes.int8, seconds: summary.seconds };
}

interface SeedContext {
  configPath: string;
  config: ConfigObject;
  models: string[];
  seed: number;
  engine: string;
  records: Map<string, StudyRecord>;
}

function runKey(context: SeedContext): string {
  return hashOf(`run\n${context.seed}\n${context.models.join(',')}\n${JSON.stringify(withoutTuning(context.config))}`);
}

/** Changed when the tuner's search changes, so a record of the old search is not taken for the new one. */
const TUNER_SEARCH = 'retrains the chosen precisions from the student';

function tuneKey(context: SeedContext): string {
  return hashOf(`tune\n${runKey(context)}\n${JSON.stringify(context.config.tuning)}\n${TUNER_SEARCH}`);
}

/** The run, trained again when a tuning still to do needs its folder and the folder is gone (a fresh clone has only the records). */
async function runStage(context: SeedContext): Promise<RunRecord> {
  const { configPath, config, models, seed, engine, records } = context;
  const runConfig = withoutTuning(config);
  const key = runKey(context);
  const cached = records.get(key);
  const folderNeeded = records.get(tuneKey(context))?.stage !== 'tune';
  if (cached?.stage === 'run' && (!folderNeeded || fs.existsSync(path.join(ROOT, cached.runFolder)))) return cached;
  const { summary, runFolder } = await trainRun(configPath, 'run', runConfig, seed, key);
  const record: RunRecord = {
    key, stage: 'run', config: path.relative(ROOT, configPath), seed, engine, models,
    teacherFp32: summary.accuracy.teacherFp32, studentFp32: summary.accuracy.studentFp32, ...runResult(summary), runFolder: path.relative(ROOT, runFolder),
    weightElements: weightElementsOf(runFolder),
  };
  appendKeyedRecord(RESULTS_FILE, records, record);
  return record;
}

function weightElementsOf(runFolder: string): Record<string, number> {
  const report = JSON.parse(fs.readFileSync(path.join(runFolder, RUN_FOLDER_FILES.layers), 'utf8')) as { final: LayerErrorReport };
  return Object.fromEntries(report.final.layers.flatMap((layer) => (layer.weight ? [[layer.node, layer.weight.metrics.count]] : [])));
}

/** Quantized layers by their own quantizers' SQNR, worst first (the proxy is the SQNR negated: larger is worse). */
function worstSqnrOrder(report: SensitivityReport): string[] {
  return report.layers.filter((layer) => layer.proxies.ownSqnr !== null).sort((a, b) => b.proxies.ownSqnr! - a.proxies.ownSqnr!).map((layer) => layer.node);
}

async function tuneStage(context: SeedContext, run: RunRecord): Promise<TuneRecord> {
  const { configPath, config, seed, engine, models, records } = context;
  const key = tuneKey(context);
  const cached = records.get(key);
  if (cached?.stage === 'tune') return cached;
  // The tuning works in a copy, so the run stays untuned for other tuning settings; a stopped tuning continues in its copy.
  const runsFolder = path.join(CACHE, key);
  const folder = path.join(runsFolder, path.basename(run.runFolder));
  if (!fs.existsSync(folder)) fs.cpSync(path.join(ROOT, run.runFolder), folder, { recursive: true });
  const continued = fs.existsSync(path.join(folder, RUN_FOLDER_FILES.tuning));
  const started = Date.now();
  const file = await withSeededConfig(configPath, 'tune', config, seed, runsFolder, (seeded) => runEngineCommand(['tune', seeded, '--run', folder])) as unknown as TuningFile;
  const wallSeconds = continued ? null : (Date.now() - started) / 1000;
  // The tuned config lands beside the seeded one; the record keeps its layers.
  if (file.tunedConfigPath) fs.rmSync(file.tunedConfigPath, { force: true });
  const sensitivity = JSON.parse(fs.readFileSync(path.join(folder, RUN_FOLDER_FILES.sensitivity), 'utf8')) as SensitivityReport;
  const chosen = file.trials.find((trial) => trial.index === file.summary.chosen);
  if (!chosen) throw new Error(`${config.name} seed ${seed}: tuning.json has no chosen trial`);
  const userLayers = config.quantization.layers ?? {};
  const record: TuneRecord = {
    key, stage: 'tune', config: path.relative(ROOT, configPath), seed, engine, models, tuning: config.tuning ?? {},
    met: file.summary.met, target: file.minimumAccuracy, reference: file.reference.accuracy,
    trials: file.trials.length, chosen: chosen.index,
    promoted: Object.keys(chosen.layers).filter((node) => !Object.hasOwn(userLayers, node)),
    int8: chosen.accuracy.int8, fakeQuant: chosen.accuracy.fakeQuant, sizeBytes: chosen.sizeBytes,
    seconds: sensitivity.seconds + file.trials.reduce((sum, trial) => sum + trial.seconds, 0), wallSeconds,
    chosenEpochs: epochsOf(chosen, file.trials, Number(config.training?.epochs ?? 1), Number(config.tuning?.epochsPerTrial ?? 1)),
    trialLog: file.trials.map((trial) => ({
      action: trial.action, node: trial.node ?? null, int8: trial.accuracy.int8, fakeQuantBefore: trial.fakeQuantBeforeTraining, fakeQuant: trial.accuracy.fakeQuant, meets: trial.meets, seconds: trial.seconds,
    })),
    worstSqnrOrder: worstSqnrOrder(sensitivity), sensitivitySeconds: sensitivity.seconds,
  };
  appendKeyedRecord(RESULTS_FILE, records, record);
  return record;
}

/** The run's epochs and one trial's for each trial on the way from the run to `trial`. */
function epochsOf(trial: TuningTrial, trials: TuningTrial[], runEpochs: number, epochsPerTrial: number): number {
  let epochs = runEpochs;
  for (let current: TuningTrial | undefined = trial; current?.continuedFrom != null; current = trials.find((t) => t.index === current!.continuedFrom)) epochs += epochsPerTrial;
  return epochs;
}

/** The layers the rule promotes at the tuner's size: the k worst by own SQNR. */
function rulePromotions(tune: TuneRecord): string[] {
  return tune.worstSqnrOrder.slice(0, tune.promoted.length);
}

/** A fresh run of the config with `promoted` promoted as the fallback promotes them, for `epochs`; with nothing promoted at the run's epochs, the run itself. */
async function derivedStage(context: SeedContext, stage: DerivedStage, run: RunRecord, tune: TuneRecord, promoted: string[], epochs: number): Promise<DerivedRecord> {
  const { configPath, config, seed, engine, models, records } = context;
  const base = { stage, config: path.relative(ROOT, configPath), seed, models, promoted, epochs };
  const runEpochs = Number(config.training?.epochs ?? 1);
  if (promoted.length === 0 && epochs === runEpochs) return { ...base, key: run.key, engine: run.engine, int8: run.int8, fakeQuant: run.fakeQuant, sizeBytes: run.sizeBytes, seconds: run.seconds };
  const fallback = tune.tuning.fallback === 'float' ? 'float' : 'int8';
  const bits = { weights: config.quantization.weights?.bits ?? 8, activations: config.quantization.activations?.bits ?? 8 };
  const layers = { ...config.quantization.layers, ...Object.fromEntries(promoted.map((node) => [node, promotedPrecision(fallback, bits)])) };
  const derived = withoutTuning({ ...config, name: `${config.name}-${stage}`, quantization: { ...config.quantization, layers }, training: { ...config.training, epochs } });
  const key = hashOf(`${stage}\n${seed}\n${models.join(',')}\n${JSON.stringify(derived)}`);
  const cached = records.get(key);
  if (cached?.stage === stage) return cached;
  const { summary, runFolder } = await trainRun(configPath, stage, derived, seed, key);
  fs.rmSync(runFolder, { recursive: true, force: true });
  const record: DerivedRecord = { ...base, key, engine, ...runResult(summary) };
  appendKeyedRecord(RESULTS_FILE, records, record);
  return record;
}

interface SeedResult {
  seed: number;
  run: RunRecord;
  tune: TuneRecord;
  rule: DerivedRecord;
  /** Absent with --no-controls. */
  ruleAtTunerEpochs?: DerivedRecord;
  runAtTunerEpochs?: DerivedRecord;
}

const pctOrDash = (record: DerivedRecord | undefined): string => (record ? pct(record.int8) : '–');

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** The weights' bytes packed at their bit widths: the config's, 8 for a layer promoted to int8, 32 for one kept in float. */
function packedWeightBytes(run: RunRecord, config: ConfigObject, promoted: string[], fallback: unknown): number {
  const bits = config.quantization.weights?.bits ?? 8;
  const promotedBits = fallback === 'float' || bits >= 8 ? 32 : 8;
  return Object.entries(run.weightElements).reduce((sum, [node, count]) => sum + (count * (promoted.includes(node) ? promotedBits : bits)) / 8, 0);
}

/** The quantized layers a promotion list leaves at the low bit width: shorter to read than what it promotes. */
function lowBitLayers(tune: TuneRecord, promoted: string[]): string {
  return tune.worstSqnrOrder.filter((node) => !promoted.includes(node)).join(' ') || '–';
}

function printTable(results: SeedResult[], engines: Set<string>, config: ConfigObject): void {
  const first = results[0]!;
  console.log(`\n## ${first.run.config}, tuning ${JSON.stringify(first.tune.tuning)}`);
  console.log(`reference (FP32) ${pct(first.tune.reference)} %, target ≥ ${pct(first.tune.target)} %; engine build ${[...engines].join(', ')}${engines.size > 1 ? ' (MORE THAN ONE BUILD)' : ''}\n`);
  console.log('| seed | run INT8 % | tuner met | k | epochs | tuner INT8 % | rule INT8 % | rule, tuner\'s epochs % | nothing promoted, tuner\'s epochs % | packed weights KB run / tuner / rule | INT8 file KB | tuning s (wall) | trials | left low-bit (tuner) | left low-bit (rule) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { seed, run, tune, rule, ruleAtTunerEpochs, runAtTunerEpochs } of results) {
    const packed = [[], tune.promoted, rule.promoted].map((promoted) => kb(packedWeightBytes(run, config, promoted, tune.tuning.fallback)));
    console.log(`| ${seed} | ${pct(run.int8)} | ${tune.met ? 'yes' : 'NO'} | ${tune.promoted.length} | ${tune.chosenEpochs} | ${pct(tune.int8)} | ${pct(rule.int8)} | ${pctOrDash(ruleAtTunerEpochs)} | ${pctOrDash(runAtTunerEpochs)} | ${packed.join(' / ')} | ${kb(tune.sizeBytes)} | ${tune.seconds.toFixed(0)} (${tune.wallSeconds === null ? '–' : tune.wallSeconds.toFixed(0)}) | ${tune.trials} | ${lowBitLayers(tune, tune.promoted)} | ${lowBitLayers(tune, rule.promoted)} |`);
  }
  console.log('\n| figure | mean | std | per seed |');
  console.log('|---|---|---|---|');
  const row = (name: string, values: (number | undefined)[], format: (v: number) => string): void => {
    if (values.some((value) => value === undefined)) return;
    const present = values as number[];
    const s = statsOf(present);
    console.log(`| ${name} | ${format(s.mean)} | ${format(s.std)} | ${present.map(format).join(' ')} |`);
  };
  row('run INT8 %', results.map((r) => r.run.int8), pct);
  row('tuner INT8 %', results.map((r) => r.tune.int8), pct);
  row('rule INT8 %', results.map((r) => r.rule.int8), pct);
  row('rule at the tuner\'s epochs INT8 %', results.map((r) => r.ruleAtTunerEpochs?.int8), pct);
  row('nothing promoted at the tuner\'s epochs INT8 %', results.map((r) => r.runAtTunerEpochs?.int8), pct);
  row('k', results.map((r) => r.tune.promoted.length), (v) => v.toFixed(2));
  row('tuning seconds', results.map((r) => r.tune.seconds), (v) => v.toFixed(0));
  console.log('\n| difference | mean pp | std pp | t | per seed pp |');
  console.log('|---|---|---|---|---|');
  const difference = (name: string, other: (r: SeedResult) => DerivedRecord | undefined): void => {
    if (results.some((r) => other(r) === undefined)) return;
    const values = results.map((r) => r.tune.int8 - other(r)!.int8);
    const s = statsOf(values);
    console.log(`| tuner − ${name} | ${s.mean >= 0 ? '+' : ''}${pct(s.mean)} | ${pct(s.std)} | ${s.n > 1 ? pairedT(s).toFixed(1) : '–'} | ${values.map(pct).join(' ')} |`);
  };
  difference('rule', (r) => r.rule);
  difference('rule at the tuner\'s epochs', (r) => r.ruleAtTunerEpochs);
  difference('nothing promoted at the tuner\'s epochs', (r) => r.runAtTunerEpochs);
  console.log(`\ntarget met on ${results.filter((r) => r.tune.met).length} of ${results.length} seeds`);
}

async function main(): Promise<void> {
  const configPath = path.resolve(ROOT, option('config') ?? DEFAULT_CONFIG);
  const seeds = (option('seeds') ?? '0,1,2').split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error('--seeds takes non-negative integers, e.g. 0,1,2');
  const configText = fs.readFileSync(configPath, 'utf8');
  const parsed = parseJsonc(configText) as ConfigObject;
  if (parsed.tuning === undefined) throw new Error(`${configPath} has no tuning section`);
  const override = option('tuning');
  const withControls = !process.argv.includes('--no-controls');
  const config: ConfigObject = { ...parsed, tuning: { ...parsed.tuning, ...(override ? JSON.parse(override) as Record<string, unknown> : {}) } };
  const models = modelHashes(configPath, configText);
  await withEngineCopy(async (engine) => {
    console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}); engine build ${engine}`);
    const records = readKeyedRecords<StudyRecord>(RESULTS_FILE);
    const results: SeedResult[] = [];
    const engines = new Set<string>();
    for (const seed of seeds) {
      const context: SeedContext = { configPath, config, models, seed, engine, records };
      const run = await runStage(context);
      process.stderr.write(`  seed ${seed} run: INT8 ${pct(run.int8)} % (${run.seconds.toFixed(0)} s)\n`);
      const tune = await tuneStage(context, run);
      process.stderr.write(`  seed ${seed} tuner: ${tune.met ? 'met' : 'NOT met'}, k ${tune.promoted.length}, INT8 ${pct(tune.int8)} % (${tune.seconds.toFixed(0)} s)\n`);
      const runEpochs = Number(config.training?.epochs ?? 1);
      const rule = await derivedStage(context, 'rule', run, tune, rulePromotions(tune), runEpochs);
      process.stderr.write(`  seed ${seed} rule: INT8 ${pct(rule.int8)} % with ${rule.promoted.join(', ') || 'nothing'} promoted\n`);
      const result: SeedResult = { seed, run, tune, rule };
      if (withControls) {
        result.ruleAtTunerEpochs = await derivedStage(context, 'ruleAtTunerEpochs', run, tune, rulePromotions(tune), tune.chosenEpochs);
        result.runAtTunerEpochs = await derivedStage(context, 'runAtTunerEpochs', run, tune, [], tune.chosenEpochs);
        process.stderr.write(`  seed ${seed} at ${tune.chosenEpochs} epochs: rule ${pctOrDash(result.ruleAtTunerEpochs)} %, nothing promoted ${pctOrDash(result.runAtTunerEpochs)} %\n`);
      }
      for (const record of [run, tune, rule, result.ruleAtTunerEpochs, result.runAtTunerEpochs]) if (record) engines.add(record.engine);
      results.push(result);
    }
    printTable(results, engines, config);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
