/**
 * One training step of a BERT-style encoder classifier, DistQ against eager PyTorch
 * (bench/pytorch_transformer_step.py) on this machine, with the methodology of bench/run.ts:
 * warm-up, interleaved rounds, medians of the round medians, the same threads on both sides and
 * PyTorch with the malloc and spin settings of bench/pytorch_step.py.
 *
 * The model is examples/text's encoder (SPAM_TEACHER: vocabulary 4096, sequence 128, hidden 64,
 * 4 heads, 4 layers, FFN 256, 2 classes) at batch 32. One step: forward, mean cross-entropy,
 * backward, SGD momentum 0.9 (lr 0.01), float32. Rows: `fp32`, and `qat` with the fake
 * quantization of insertFakeQuantization (int8 weights per channel, int8 activations per tensor at
 * a fixed scale). Prints a table, then one JSON line per row.
 *
 *   node --import tsx bench/transformerStep.ts [--threads 2] [--rounds 5] [--steps 10] [--variants fp32,qat]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as ort from 'onnxruntime-node';
import { buildTransformerClassifier, TRANSFORMER_ATTENTION_MASK, TRANSFORMER_INPUT_IDS, TRANSFORMER_OUTPUT, type TransformerClassifierSpec } from '../engine/models/transformerBuilder.ts';
import { insertFakeQuantization, type QuantizedActivation } from '../engine/quantization/insertFakeQuant.ts';
import { buildTrainingGraph, LABELS_INPUT, labelsInput } from '../engine/training/trainingGraph.ts';
import { crossEntropyWithLabels } from '../engine/losses/crossEntropy.ts';
import { findTrainableParameters } from '../engine/training/parameters.ts';
import { TrainStepSession } from '../engine/training/trainStep.ts';
import { SeededRandom } from '../engine/util/random.ts';
import { SPAM_TEACHER } from '../engine/models/textModels.ts';
import { timedSgdStep } from './distqStep.ts';

const PYTHON = '/usr/bin/python3';
const PYTORCH_SCRIPT = 'bench/pytorch_transformer_step.py';
const BATCH = 32;
/** The activation scale PyTorch's side uses too (symmetric int8, so ±6.4). */
const ACTIVATION_SCALE = 0.05;
const LEARNING_RATE = 0.01;
const VARIANTS = ['fp32', 'qat'] as const;
type Variant = (typeof VARIANTS)[number];

/** The encoder of examples/text, the 4-layer teacher. */
const BENCH_TRANSFORMER: TransformerClassifierSpec = { ...SPAM_TEACHER, name: 'bench_transformer', seed: 1 };

interface PreparedTransformerStep {
  /** Runs one full step (graph + optimizer update) and returns its milliseconds. */
  step(): Promise<number>;
  parameterCount: number;
  buildMs: number;
  firstStepMs: number;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Token ids with id 1 first, padded rows (attended lengths 16…L) and random labels, as the PyTorch side draws them. */
function transformerFeeds(spec: TransformerClassifierSpec, batch: number, activations: readonly QuantizedActivation[]): Record<string, ort.Tensor> {
  const random = new SeededRandom(3);
  const length = spec.sequenceLength;
  const ids = new BigInt64Array(batch * length);
  const mask = new BigInt64Array(batch * length);
  for (let row = 0; row < batch; row++) {
    const attended = 16 + random.integer(length - 15);
    for (let position = 0; position < attended; position++) {
      ids[row * length + position] = position === 0 ? 1n : BigInt(random.integer(spec.vocabularySize));
      mask[row * length + position] = 1n;
    }
  }
  const labels = BigInt64Array.from({ length: batch }, () => BigInt(random.integer(spec.classes)));
  const feeds: Record<string, ort.Tensor> = {
    [TRANSFORMER_INPUT_IDS]: new ort.Tensor('int64', ids, [batch, length]),
    [TRANSFORMER_ATTENTION_MASK]: new ort.Tensor('int64', mask, [batch, length]),
    [LABELS_INPUT]: new ort.Tensor('int64', labels, [batch]),
  };
  for (const a of activations) {
    feeds[a.scaleInput] = new ort.Tensor('float32', new Float32Array([ACTIVATION_SCALE]), []);
    feeds[a.zeroPointInput] = new ort.Tensor('float32', new Float32Array([0]), []);
  }
  return feeds;
}

async function prepareTransformerStep(spec: TransformerClassifierSpec, variant: Variant, batch: number, threads: number): Promise<PreparedTransformerStep> {
  const buildStart = performance.now();
  const model = buildTransformerClassifier(spec);
  const trainable = findTrainableParameters(model);
  const activations = variant === 'qat'
    ? insertFakeQuantization(model, {
      weights: { bits: 8, symmetric: true, signed: true, perChannel: true },
      activations: { bits: 8, symmetric: true, signed: true },
      opTypes: ['Conv', 'Gemm', 'MatMul'],
      exclude: [],
      weightTensors: new Set(trainable),
    }).activations
    : [];
  const graph = buildTrainingGraph(model, {
    logits: TRANSFORMER_OUTPUT,
    trainable,
    extraInputs: [labelsInput()],
    addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, TRANSFORMER_OUTPUT, LABELS_INPUT, spec.classes), weight: 1 }],
  });
  const session = await TrainStepSession.create(graph, model.graph.initializers, { threads });
  const buildMs = performance.now() - buildStart;

  const feeds = transformerFeeds(spec, batch, activations);
  const step = timedSgdStep(session, feeds, LEARNING_RATE);
  const firstStepMs = await step();
  const parameterCount = session.parameterValues.reduce((sum, values) => sum + values.length, 0);
  return { step, parameterCount, buildMs, firstStepMs };
}

function pytorchAvailable(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

interface PytorchRound {
  medianMs: number;
  parameters: number;
  blas: string;
  torch: string;
}

/** One PyTorch process: warm-up, then `steps` timed steps; it checks its parameter count against DistQ's. */
function pytorchRound(variant: Variant, threads: number, steps: number, distqParameters: number, mallocEnv: Record<string, string>): PytorchRound {
  const result = spawnSync(PYTHON, [PYTORCH_SCRIPT, '--variant', variant, '--threads', String(threads), '--steps', String(steps), '--warmup', '5', '--batch', String(BATCH), '--distq-parameters', String(distqParameters)], {
    encoding: 'utf8',
    env: { ...process.env, ...mallocEnv },
  });
  if (result.status !== 0) throw new Error(`${PYTORCH_SCRIPT} failed: ${result.stderr.trim().split('\n').pop()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as PytorchRound;
}

async function distqRound(step: PreparedTransformerStep, steps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < steps; i++) times.push(await step.step());
  return median(times);
}

interface VariantResult {
  variant: Variant;
  distqMs: number;
  distqRounds: number[];
  pytorchMs?: number;
  pytorchRounds: number[];
  parameters: number;
  buildMs: number;
  firstStepMs: number;
  blas?: string;
  torch?: string;
}

async function measureVariant(variant: Variant, threads: number, rounds: number, steps: number, havePytorch: boolean, mallocEnv: Record<string, string>): Promise<VariantResult> {
  const prepared = await prepareTransformerStep(BENCH_TRANSFORMER, variant, BATCH, threads);
  console.log(`${variant}: ${prepared.parameterCount} parameters; session build ${prepared.buildMs.toFixed(0)} ms + first step ${prepared.firstStepMs.toFixed(0)} ms`);
  for (let i = 0; i < 5; i++) await prepared.step();
  const result: VariantResult = { variant, distqMs: 0, distqRounds: [], pytorchRounds: [], parameters: prepared.parameterCount, buildMs: prepared.buildMs, firstStepMs: prepared.firstStepMs };
  for (let round = 0; round < rounds; round++) {
    result.distqRounds.push(await distqRound(prepared, steps));
    if (!havePytorch) continue;
    const pytorch = pytorchRound(variant, threads, steps, prepared.parameterCount, mallocEnv);
    if (pytorch.parameters !== prepared.parameterCount) throw new Error(`PyTorch's model has ${pytorch.parameters} parameters, DistQ's ${prepared.parameterCount}`);
    result.pytorchRounds.push(pytorch.medianMs);
    result.blas = pytorch.blas;
    result.torch = pytorch.torch;
  }
  result.distqMs = median(result.distqRounds);
  if (havePytorch) result.pytorchMs = median(result.pytorchRounds);
  return result;
}

function printTable(results: readonly VariantResult[]): void {
  const rows = results.map((r) => [
    r.variant,
    r.distqMs.toFixed(1),
    r.pytorchMs === undefined ? '—' : r.pytorchMs.toFixed(1),
    r.pytorchMs === undefined ? '—' : `${(r.pytorchMs / r.distqMs).toFixed(2)}×`,
  ]);
  const header = ['step', 'DistQ ms/step', 'PyTorch ms/step', 'PyTorch ÷ DistQ'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padStart(widths[i]!)).join('  '));
}

async function main(): Promise<void> {
  const threads = Number(option('threads', '2'));
  const rounds = Number(option('rounds', '5'));
  const steps = Number(option('steps', '10'));
  const variants = option('variants', VARIANTS.join(',')).split(',') as Variant[];
  const unknown = variants.filter((v) => !VARIANTS.includes(v));
  if (unknown.length > 0) throw new Error(`unknown variant(s) ${unknown.join(', ')}: --variants takes ${VARIANTS.join(', ')}`);
  const havePytorch = pytorchAvailable();
  const s = BENCH_TRANSFORMER;
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${threads} threads, batch ${BATCH}, ${rounds} interleaved rounds of ${steps} steps`);
  console.log(`model: vocabulary ${s.vocabularySize}, sequence ${s.sequenceLength}, hidden ${s.hiddenSize}, ${s.heads} heads, ${s.layers} layers, FFN ${s.intermediateSize}, ${s.classes} classes`);
  const mallocEnv = havePytorch
    ? (JSON.parse(spawnSync(PYTHON, [PYTORCH_SCRIPT, '--print-malloc-env'], { encoding: 'utf8' }).stdout) as Record<string, string>)
    : {};
  if (!havePytorch) console.log(`PyTorch is not installed for ${PYTHON} (apt-get install python3-torch libopenblas0-pthread): DistQ's numbers alone.`);
  const results: VariantResult[] = [];
  for (const variant of variants) {
    const result = await measureVariant(variant, threads, rounds, steps, havePytorch, mallocEnv);
    console.log(`${variant}: DistQ rounds ${result.distqRounds.map((v) => v.toFixed(1)).join(', ')} ms${havePytorch ? `; PyTorch rounds ${result.pytorchRounds.map((v) => v.toFixed(1)).join(', ')} ms (torch ${result.torch}, ${result.blas})` : ''}`);
    results.push(result);
  }
  printTable(results);
  const ms = (value: number): number => Math.round(value * 1e3) / 1e3;
  for (const r of results) {
    console.log(JSON.stringify({
      bench: 'transformerStep', variant: r.variant, threads, batch: BATCH, rounds, steps, parameters: r.parameters,
      distqMs: ms(r.distqMs), distqRounds: r.distqRounds.map(ms), pytorchMs: r.pytorchMs === undefined ? null : ms(r.pytorchMs), pytorchRounds: r.pytorchRounds.map(ms),
      buildMs: ms(r.buildMs), firstStepMs: ms(r.firstStepMs), torch: r.torch ?? null, blas: r.blas ?? null, spec: BENCH_TRANSFORMER,
    }));
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
});
