/**
 * `npm run demo`: the MNIST walk-through. Trains the FP32 CNN teacher when it is
 * not there yet, then runs PTQ, QAT without KD and QAT + KD at INT8 and at W4A4,
 * and the case where distillation pays on this data: a smaller student learning
 * at W4A4 from only 1,000 labels. Prints one table (accuracy, size, latency).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config/loadConfig.ts';
import { trainFromConfig } from './train.ts';
import { runFromConfig } from './run.ts';
import type { RunSummary } from '../../contracts/runFiles.ts';
import { loadMnist } from '../data/mnist.ts';
import { readModel } from '../onnx/modelFile.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import { measureLatency } from '../runtime/latency.ts';
import { repeatedFeeds } from '../runtime/inputFeeds.ts';
import { formatTable } from '../cli/formatSummary.ts';
import { speedComparison } from '../../contracts/speedComparison.ts';
import type { Reporter } from './reporter.ts';

/** The examples folder: next to dist/ when bundled, or found from the working directory. */
export function examplesFolder(): string {
  const candidates = [path.resolve(__dirname, '..', 'examples'), path.resolve(process.cwd(), 'examples')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'mnist', 'cnn.distq.json')));
  if (!found) throw new Error(`cannot find examples/mnist (looked in ${candidates.join(', ')})`);
  return found;
}

const VARIANTS = ['qat-int8', 'qat-kd-int8', 'qat-w4a4', 'qat-kd-w4a4', 'small-qat-w4a4-1000', 'small-kd-w4a4-1000'] as const;

function percent(value: number): string {
  return `${(100 * value).toFixed(2)} %`;
}

export async function runDemo(reporter: Reporter): Promise<void> {
  const started = performance.now();
  const folder = path.join(examplesFolder(), 'mnist');
  const teacherConfig = loadConfig(path.join(folder, 'cnn.distq.json'));
  const teacherPath = path.resolve(teacherConfig.folder, teacherConfig.config.output.model ?? `${teacherConfig.config.name}.trained.onnx`);
  if (!fs.existsSync(teacherPath)) {
    reporter.log(`training the FP32 CNN teacher (${teacherConfig.config.training.epochs} epochs) …`);
    await trainFromConfig(teacherConfig, reporter);
  } else {
    reporter.log(`using the trained teacher ${path.relative(process.cwd(), teacherPath)} (delete it to train it again)`);
  }
  const { test } = loadMnist();
  const inputNames = ['input'];
  // The runs measure their INT8 latency at their evaluation batch size; the teacher's is measured at the same one.
  const { evalBatchSize } = teacherConfig.config.training;
  const evaluator = await ClassifierEvaluator.create(readModel(teacherPath), inputNames, 'logits');
  const teacherAccuracy = (await evaluator.evaluate(test, evalBatchSize)).accuracy;
  await evaluator.release();
  const teacherLatency1 = (await measureLatency(teacherPath, repeatedFeeds(inputNames, test, 1), 1)).medianMs;
  const teacherLatencyBatch = (await measureLatency(teacherPath, repeatedFeeds(inputNames, test, evalBatchSize), evalBatchSize, { runs: 10 })).medianMs;

  const summaries = new Map<string, RunSummary>();
  for (const variant of VARIANTS) {
    reporter.log(`\n${variant}:`);
    summaries.set(variant, await runFromConfig(loadConfig(path.join(folder, `${variant}.distq.json`)), reporter));
  }
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  const ms = (value: number, digits: number): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : '—');
  const rows: string[][] = [['variant', 'test accuracy', 'fake-quant', 'size', 'latency b=1', `latency b=${evalBatchSize}`]];
  rows.push(['FP32 teacher (CNN)', percent(teacherAccuracy), '', kib(fs.statSync(teacherPath).size), ms(teacherLatency1, 3), ms(teacherLatencyBatch, 1)]);
  for (const [bits, plain, kd] of [['INT8', 'qat-int8', 'qat-kd-int8'], ['W4A4', 'qat-w4a4', 'qat-kd-w4a4']] as const) {
    const qat = summaries.get(plain)!;
    const qatKd = summaries.get(kd)!;
    const size = kib(qat.sizeBytes.int8);
    const latency1 = ms(qat.latencyMs.int8.batch1, 3);
    const latencyBatch = ms(qat.latencyMs.int8.batch, 1);
    rows.push([`PTQ ${bits}`, percent(qat.accuracy.ptqInt8), '', size, latency1, latencyBatch]);
    rows.push([`QAT ${bits}`, percent(qat.accuracy.qatInt8), percent(qat.accuracy.qatFakeQuant), size, latency1, latencyBatch]);
    rows.push([`QAT + KD ${bits}`, percent(qatKd.accuracy.qatInt8), percent(qatKd.accuracy.qatFakeQuant), kib(qatKd.sizeBytes.int8), ms(qatKd.latencyMs.int8.batch1, 3), ms(qatKd.latencyMs.int8.batch, 1)]);
  }
  const small = { qat: summaries.get('small-qat-w4a4-1000')!, kd: summaries.get('small-kd-w4a4-1000')! };
  rows.push(['Small student, 1,000 labels:', '', '', '', '', '']);
  rows.push(['  QAT W4A4', percent(small.qat.accuracy.qatInt8), percent(small.qat.accuracy.qatFakeQuant), kib(small.qat.sizeBytes.int8), ms(small.qat.latencyMs.int8.batch1, 3), ms(small.qat.latencyMs.int8.batch, 1)]);
  rows.push(['  QAT + KD W4A4', percent(small.kd.accuracy.qatInt8), percent(small.kd.accuracy.qatFakeQuant), kib(small.kd.sizeBytes.int8), ms(small.kd.latencyMs.int8.batch1, 3), ms(small.kd.latencyMs.int8.batch, 1)]);
  process.stdout.write(`\n${formatTable(rows)}\n`);
  const int8Kd = summaries.get('qat-kd-int8')!.accuracy.qatInt8;
  const w4 = { ptq: summaries.get('qat-w4a4')!.accuracy.ptqInt8, qat: summaries.get('qat-w4a4')!.accuracy.qatInt8, kd: summaries.get('qat-kd-w4a4')!.accuracy.qatInt8 };
  process.stdout.write(`\nINT8 QAT + KD vs FP32 teacher: ${(100 * (int8Kd - teacherAccuracy)).toFixed(2)} pp (goal: within 0.3 pp).\n`);
  process.stdout.write(`W4A4, the teacher as its own student: QAT + KD vs QAT ${(100 * (w4.kd - w4.qat)).toFixed(2)} pp, vs PTQ ${(100 * (w4.kd - w4.ptq)).toFixed(2)} pp. PTQ already keeps almost all of the accuracy here, so neither QAT nor KD has anything to win: over 5 seeds the three agree within 0.15 pp (docs/experiments.md).\n`);
  process.stdout.write(`Small student from scratch, 1,000 labels, W4A4: QAT + KD vs QAT ${(100 * (small.kd.accuracy.qatInt8 - small.qat.accuracy.qatInt8)).toFixed(2)} pp (over 5 seeds: +6.2 ± 0.3 pp, docs/experiments.md).\n`);
  // The run's own FP32 and INT8 models (the CNN, the teacher's architecture), timed in alternating
  // rounds; the table's teacher row was timed minutes earlier, which a shared machine's drift distorts.
  const int8Latency = summaries.get('qat-kd-int8')!.latencyMs;
  const speed1 = speedComparison(int8Latency.fp32.batch1, int8Latency.int8.batch1, 'not measured');
  const speedBatch = speedComparison(int8Latency.fp32.batch, int8Latency.int8.batch, 'not measured');
  process.stdout.write(`INT8 QAT + KD model vs the same CNN in FP32, in ONNX Runtime (alternating rounds): ${speed1.text} at batch 1, ${speedBatch.text} at batch ${evalBatchSize}${speed1.slower || speedBatch.slower ? ' (why: “INT8 speed” in docs/quantization.md)' : ''}.\n`);
  process.stdout.write(`Test set: the fixed ${test.count}-digit MNIST split (one test example ≈ 0.05 pp). Sizes and latencies are of the ONNX models in ONNX Runtime, 1 thread; W4A4 models are stored in 8-bit types and run on the same integer kernels as INT8 (docs/quantization.md). Demo took ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
}
