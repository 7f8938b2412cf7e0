/**
 * Where self-distillation's gradient goes: runs a config (one seed) as `distq run` does and, at
 * every joint-training step, computes the step again with the self terms' fed weights set to 0
 * (the labels alone) and with one term at a time, so each term's gradient into the backbone
 * (every student parameter, not the heads) is its step's gradient minus the labels'. Prints one
 * line per step: the labels' loss, each term's weight, backbone share and head accuracy, and the
 * backbone gradient norms; then the run's accuracies. The extra steps change nothing: the
 * parameters move only by the run's own step.
 *
 *   node --import tsx bench/experiments/selfGradientShares.ts CONFIG [--seed N] [--json FILE]
 *
 * A config without fed self weights (plain QAT, explicit weights) prints the labels' loss and
 * gradient norm only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { parseJsonc } from '../../engine/config/jsonc.ts';
import { loadConfig } from '../../engine/config/loadConfig.ts';
import { runFromConfig } from '../../engine/commands/run.ts';
import { TrainStepSession, type StepResult } from '../../engine/training/trainStep.ts';
import { floatTensor } from '../../engine/runtime/session.ts';
import { argmaxRows } from '../../engine/training/evaluate.ts';
import { LABELS_INPUT } from '../../engine/training/trainingGraph.ts';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const configArgument = process.argv[2];
if (!configArgument || configArgument.startsWith('--')) throw new Error('usage: selfGradientShares.ts CONFIG [--seed N] [--json FILE]');
const configPath = path.resolve(configArgument);
const seed = Number(option('seed') ?? 0);
const jsonFile = option('json');

interface StepRecord {
  phase: 'headWarmup' | 'train';
  call: number;
  labelsLoss: number;
  /** Student accuracy on the batch (fake quant, training mode). */
  batchAccuracy: number;
  weights: Record<string, number>;
  shares: Record<string, number>;
  headAccuracy: Record<string, number>;
  labelsNorm: number;
  totalNorm: number;
  termNorms: Record<string, number>;
  /** Cosine between each term's backbone gradient and the labels'. */
  termCosines: Record<string, number>;
}

const records: StepRecord[] = [];
let phase: StepRecord['phase'] = 'train';
let call = 0;

const norm = (parts: Float32Array[]): number => Math.sqrt(parts.reduce((sum, g) => sum + g.reduce((s, v) => s + v * v, 0), 0));
const dot = (a: Float32Array[], b: Float32Array[]): number => a.reduce((sum, g, i) => sum + g.reduce((s, v, j) => s + v * b[i]![j]!, 0), 0);
const minus = (a: Float32Array[], b: Float32Array[]): Float32Array[] => a.map((g, i) => g.map((v, j) => v - b[i]![j]!));
const scalar = (feeds: Record<string, ort.Tensor>, name: string): number => Number((feeds[name]?.data as Float32Array | undefined)?.[0] ?? 0);

const originalRun = TrainStepSession.prototype.run;
TrainStepSession.prototype.run = async function measuredRun(this: TrainStepSession, feeds: Record<string, ort.Tensor>): Promise<StepResult> {
  const result = await originalRun.call(this, feeds);
  if (phase !== 'train') return result;
  call += 1;
  const backbone = this.graph.parameters.map((name, i) => (name.includes('aux_head') ? -1 : i)).filter((i) => i >= 0);
  const backboneOf = (r: StepResult): Float32Array[] => backbone.map((i) => r.gradients[i] ?? new Float32Array(this.parameterValues[i]!.length));
  const total = backboneOf(result);
  const weightInputs = this.graph.weightInputs;
  const zeroed = Object.fromEntries(weightInputs.map((w) => [w.input, floatTensor(Float32Array.of(0), [])]));
  const labelsOnly = weightInputs.length > 0 ? backboneOf(await originalRun.call(this, { ...feeds, ...zeroed })) : total;
  const termNorms: Record<string, number> = {};
  const termCosines: Record<string, number> = {};
  const labelsNorm = norm(labelsOnly);
  for (const w of weightInputs) {
    const alone = await originalRun.call(this, { ...feeds, ...zeroed, [w.input]: feeds[w.input]! });
    const term = minus(backboneOf(alone), labelsOnly);
    termNorms[w.component] = norm(term);
    termCosines[w.component] = dot(term, labelsOnly) / Math.max(1e-12, termNorms[w.component]! * labelsNorm);
  }
  const labels = feeds[LABELS_INPUT]?.data as BigInt64Array | undefined;
  const logits = result.logits;
  const batchSize = labels?.length ?? 0;
  const classes = batchSize > 0 ? logits.length / batchSize : 1;
  const correct = (rows: Float32Array): number => {
    const predicted = argmaxRows(rows, batchSize, classes);
    let n = 0;
    for (let i = 0; i < batchSize; i++) if (labels && BigInt(predicted[i]!) === labels[i]) n += 1;
    return n / Math.max(1, batchSize);
  };
  const headAccuracy: Record<string, number> = {};
  const shares: Record<string, number> = {};
  // The heads' logits are the extra outputs shaped like the logits (the others are range statistics).
  for (const [name, rows] of Object.entries(result.extras)) if (rows.length === logits.length) headAccuracy[name] = correct(rows);
  for (const name of Object.keys(feeds)) if (name.startsWith('distq_backbone_share/')) shares[name] = scalar(feeds, name);
  records.push({
    phase, call, labelsLoss: result.components['labels'] ?? Number.NaN, batchAccuracy: correct(logits),
    weights: Object.fromEntries(weightInputs.map((w) => [w.component, scalar(feeds, w.input)])),
    shares, headAccuracy, labelsNorm, totalNorm: norm(total), termNorms, termCosines,
  });
  return result;
};

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-gradient-shares-'));
  const seededFile = path.join(path.dirname(configPath), `.gradient-shares-${process.pid}.distq.json`);
  try {
    const config = parseJsonc(fs.readFileSync(configPath, 'utf8')) as { training?: Record<string, unknown>; output?: Record<string, unknown> };
    config.training = { ...config.training, seed };
    config.output = { ...config.output, runsFolder: path.join(scratch, 'runs'), model: path.join(scratch, 'trained.onnx') };
    fs.writeFileSync(seededFile, JSON.stringify(config, null, 2));
    const summary = await runFromConfig(loadConfig(seededFile), {
      log: (line) => {
        console.error(line);
        if (line.startsWith('head warm-up:')) phase = 'train';
      },
      progress: (report) => {
        if (report.phase === 'headWarmup') phase = 'headWarmup';
      },
      metrics: () => undefined,
    });
    const fixed = (v: number): string => v.toFixed(3);
    for (const r of records) {
      const terms = Object.keys(r.termNorms).map((name, k) => {
        const head = Object.values(r.headAccuracy)[k];
        const share = Object.values(r.shares)[k];
        return `t${k} w ${r.weights[name]!.toExponential(2)} share ${share === undefined ? '-' : fixed(share)} head ${head === undefined ? '-' : fixed(head)} |g| ${fixed(r.termNorms[name]!)} cos ${fixed(r.termCosines[name]!)}`;
      });
      console.log(`step ${r.call}: labels ${fixed(r.labelsLoss)} acc ${fixed(r.batchAccuracy)} |g labels| ${fixed(r.labelsNorm)} |g total| ${fixed(r.totalNorm)}  ${terms.join('  ')}`);
    }
    console.log(JSON.stringify({ config: path.relative(process.cwd(), configPath), seed, accuracy: summary.accuracy }));
    if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ config: configPath, seed, accuracy: summary.accuracy, steps: records }, null, 1));
  } finally {
    fs.rmSync(seededFile, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
