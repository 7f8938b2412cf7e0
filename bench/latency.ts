/**
 * FP32 against DistQ's INT8 export in onnxruntime-node: `npm run bench:latency [-- options]`.
 *
 * For each model: the FP32 ONNX file as exported, and DistQ's QDQ export of it (PTQ from
 * min-max ranges over 4 synthetic batches with the config's default quantization section;
 * training changes the values, not the graph, so a QAT export runs at the same speed).
 * Latency is the median of interleaved rounds (FP32, INT8, FP32, …) at 1 and 2 intra-op
 * threads and batch 1 and 64 (32 for the text encoder). Then, per model, what remains after
 * ONNX Runtime's optimization of the INT8 model (saved with `optimizedModelFilePath`):
 * the integer kernels, float Conv/Gemm/MatMul, Q→DQ pairs between integer ops, Transposes.
 *
 * Options: --models a,b (default: all), --rounds R (7), --runs K per round (5),
 * --threads 1,2, --signed / --unsigned activations (default: the config's default),
 * --bits W8A8 (or W4A4 …), --full-range (8-bit weights without the config's default
 * reduceRange), --opset N (torchvision exports; 17).
 * The torchvision models come from bench/models/export_torchvision.py (Debian's
 * python3-torchvision), run on first use and cached in bench/.cache/models.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readModel, writeModel } from '../engine/onnx/modelFile.ts';
import type { Model } from '../engine/onnx/ir.ts';
import { prepareForTraining } from '../engine/models/prepareModel.ts';
import { foldBatchNormalization } from '../engine/onnx/passes/foldBatchNormalization.ts';
import { calibratedExportPlan } from '../engine/quantization/calibratedExportPlan.ts';
import { exportQdqModel } from '../engine/quantization/exportQdq.ts';
import { effectiveQuantization } from '../engine/config/effectiveSections.ts';
import { buildTransformerClassifier } from '../engine/models/transformerBuilder.ts';
import { randomTokenBatch } from '../engine/models/syntheticBatches.ts';
import { SPAM_TEACHER } from '../engine/models/textModels.ts';
import { SeededRandom } from '../engine/util/random.ts';
import { summarizeOptimizedGraph, type OptimizedGraphSummary } from '../engine/analysis/optimizedGraph.ts';
import { torchvisionModelFile } from './models/torchvisionFile.ts';

type Feeds = Record<string, ort.Tensor>;

interface BenchModel {
  name: string;
  /** Largest batch measured. */
  batch: number;
  /** FP32 model file. */
  file(): string;
  feeds(batch: number, seed: number): Feeds;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cache = path.join(root, 'bench', '.cache');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const opset = Number(option('opset') ?? 17);
const rounds = Number(option('rounds') ?? 7);
const runs = Number(option('runs') ?? 5);
const threadCounts = (option('threads') ?? '1,2').split(',').map(Number);
const signed = process.argv.includes('--signed') ? true : process.argv.includes('--unsigned') ? false : undefined;
const bits = /^W(\d)A(\d)$/.exec(option('bits') ?? 'W8A8');
if (!bits) throw new Error('--bits takes the form W8A8');

function imageFeeds(shape: readonly number[]): (batch: number, seed: number) => Feeds {
  return (batch, seed) => {
    const random = new SeededRandom(seed);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(batch * size);
    for (let i = 0; i < data.length; i++) data[i] = random.normal();
    return { input: new ort.Tensor('float32', data, [batch, ...shape]) };
  };
}

function torchvisionModel(name: string, shape: readonly number[] = [3, 64, 64]): BenchModel {
  return {
    name,
    batch: 64,
    file: () => torchvisionModelFile(name, opset),
    feeds: imageFeeds(shape),
  };
}

function mnistModel(name: string, file: string): BenchModel {
  return { name, batch: 64, file: () => path.join(root, file), feeds: imageFeeds([1, 28, 28]) };
}

const textEncoder: BenchModel = {
  name: 'text_encoder',
  batch: 32,
  file: () => {
    const file = path.join(cache, 'models', 'text_encoder.onnx');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeModel(buildTransformerClassifier({ ...SPAM_TEACHER, seed: 1 }), file);
    }
    return file;
  },
  feeds: (batch, seed) => randomTokenBatch(batch, seed, SPAM_TEACHER),
};

const MODELS: BenchModel[] = [
  mnistModel('mnist_mlp', 'examples/mnist/mlp.onnx'),
  mnistModel('mnist_cnn', 'examples/mnist/cnn.onnx'),
  torchvisionModel('resnet8_mnist', [1, 28, 28]),
  ...['resnet18', 'mobilenet_v2', 'mobilenet_v3_small', 'efficientnet_b0', 'regnet_x_400mf', 'shufflenet_v2_x0_5', 'squeezenet1_1', 'densenet121', 'googlenet', 'convnext_tiny'].map((name) => torchvisionModel(name)),
  textEncoder,
];

async function exportInt8(model: BenchModel, fp32: Model): Promise<string> {
  const inputNames = Object.keys(model.feeds(1, 0));
  const prepared = foldBatchNormalization(await prepareForTraining(fp32, inputNames));
  const calibration = [1, 2, 3, 4].map((seed) => model.feeds(8, seed));
  const activationsSigned = signed ?? false;
  const quantization = effectiveQuantization({
    weights: { bits: Number(bits![1]), reduceRange: !process.argv.includes('--full-range') },
    activations: { bits: Number(bits![2]), signed: activationsSigned },
  }, 'bench/latency.ts options');
  const plan = await calibratedExportPlan(prepared, calibration, quantization);
  const file = path.join(cache, 'int8', `${model.name}_${bits![0]}_${activationsSigned ? 's8' : 'u8'}.onnx`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeModel(exportQdqModel(prepared, plan), file);
  return file;
}

async function session(file: string, threads: number, optimizedModelFilePath?: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(file, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    ...(optimizedModelFilePath ? { optimizedModelFilePath } : {}),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds per run of each session, measured in interleaved rounds. */
async function interleaved(sessions: ort.InferenceSession[], feeds: Feeds): Promise<number[]> {
  for (const s of sessions) for (let i = 0; i < 3; i++) await s.run(feeds);
  const times = sessions.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [k, s] of sessions.entries()) {
      const start = performance.now();
      for (let i = 0; i < runs; i++) await s.run(feeds);
      times[k]!.push((performance.now() - start) / runs);
    }
  }
  return times.map(median);
}

interface Row {
  model: string;
  threads: number;
  batch: number;
  fp32: number;
  int8: number;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

async function main(): Promise<void> {
  const only = option('models')?.split(',');
  const chosen = only ? MODELS.filter((m) => only.includes(m.name)) : MODELS;
  if (only && chosen.length !== only.length) throw new Error(`unknown model(s): ${only.filter((n) => !MODELS.some((m) => m.name === n)).join(', ')}; known: ${MODELS.map((m) => m.name).join(', ')}`);
  const rows: Row[] = [];
  const graphs: { model: string; summary: OptimizedGraphSummary }[] = [];
  const failures: string[] = [];
  for (const model of chosen) {
    let fp32File: string;
    let int8File: string;
    try {
      fp32File = model.file();
      int8File = await exportInt8(model, readModel(fp32File));
    } catch (error) {
      failures.push(`${model.name}: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`${pad(model.name, 20)} not measured: ${failures.at(-1)}`);
      continue;
    }
    const optimizedFile = int8File.replace(/\.onnx$/, '.optimized.onnx');
    await (await session(int8File, 1, optimizedFile)).release();
    const summary = summarizeOptimizedGraph(readModel(optimizedFile));
    graphs.push({ model: model.name, summary });
    for (const threads of threadCounts) {
      const sessions = [await session(fp32File, threads), await session(int8File, threads)];
      for (const batch of [1, model.batch]) {
        const [fp32, int8] = await interleaved(sessions, model.feeds(batch, 9));
        const row = { model: model.name, threads, batch, fp32: fp32!, int8: int8! };
        rows.push(row);
        console.log(`${pad(model.name, 20)} threads ${threads}  batch ${pad(String(batch), 3)} FP32 ${fp32!.toFixed(3)} ms  INT8 ${int8!.toFixed(3)} ms  ${(fp32! / int8!).toFixed(2)}×`);
      }
      for (const s of sessions) await s.release();
    }
    console.log(`${pad(model.name, 20)} after ORT optimization: ${summary.describe()}`);
  }
  console.log(`\n${bits![0]}, ${signed === true ? 'int8' : 'uint8'} activations, opset ${opset} (torchvision), ${rounds} rounds × ${runs} runs, medians`);
  console.log('| model | threads | batch | FP32 ms | INT8 ms | speed-up |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.model} | ${r.threads} | ${r.batch} | ${r.fp32.toFixed(3)} | ${r.int8.toFixed(3)} | ${(r.fp32 / r.int8).toFixed(2)}× |`);
  console.log('\n| model | integer ops | float Conv/Gemm/MatMul | Q→DQ between integer ops | Transposes | other float ops |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const { model, summary } of graphs) console.log(`| ${model} | ${summary.integerOps} | ${summary.floatLinear.length} | ${summary.requantizePairs} | ${summary.transposes} | ${summary.otherFloatOps.join(' ')} |`);
  if (failures.length > 0) {
    console.log(`\nnot measured:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
