/**
 * `npm run demo:text`: the transformer walk-through on SpamAssassin. Builds and trains the FP32
 * 4-layer encoder teacher when it is not there yet, derives the half-depth student from it, then
 * runs QAT and QAT + intermediate-layer KD (the seed's mappings) at INT8 for both students and
 * prints one table (accuracy, size, latency).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config/loadConfig.ts';
import { trainFromConfig } from './train.ts';
import { runFromConfig } from './run.ts';
import type { RunSummary } from '../../contracts/runFiles.ts';
import { examplesFolder } from './demo.ts';
import { readModel, writeModel } from '../onnx/modelFile.ts';
import { buildTransformerClassifier } from '../models/transformerBuilder.ts';
import { evenlyKeptLayers, shallowerEncoder } from '../models/shallowerEncoder.ts';
import { SPAM_HALF_DEPTH_STUDENT, SPAM_TEACHER } from '../models/textModels.ts';
import { formatTable } from '../cli/formatSummary.ts';
import type { Reporter } from './reporter.ts';

const VARIANTS = ['qat-int8', 'qat-kd-int8', 'half-qat-int8', 'half-kd-int8'] as const;

function percent(value: number | null): string {
  return value === null ? '—' : `${(100 * value).toFixed(2)} %`;
}

/** The untrained teacher, the trained teacher and the half-depth student, each made when missing. */
async function prepareModels(folder: string, reporter: Reporter): Promise<void> {
  const untrained = path.join(folder, 'encoder-4l.onnx');
  if (!fs.existsSync(untrained)) writeModel(buildTransformerClassifier({ ...SPAM_TEACHER, seed: 1 }), untrained);
  const teacherConfig = loadConfig(path.join(folder, 'teacher.distq.json'));
  const teacherPath = path.resolve(teacherConfig.folder, teacherConfig.config.output.model ?? `${teacherConfig.config.name}.trained.onnx`);
  const studentPath = path.join(folder, 'encoder-2l.onnx');
  if (!fs.existsSync(teacherPath)) {
    reporter.log(`training the FP32 encoder teacher (${teacherConfig.config.training.epochs} epochs) …`);
    await trainFromConfig(teacherConfig, reporter);
    fs.rmSync(studentPath, { force: true });
  } else {
    reporter.log(`using the trained teacher ${path.relative(process.cwd(), teacherPath)} (delete it to train it again)`);
  }
  if (!fs.existsSync(studentPath)) {
    const kept = evenlyKeptLayers(SPAM_TEACHER.layers, SPAM_HALF_DEPTH_STUDENT.layers);
    writeModel(shallowerEncoder(readModel(teacherPath), SPAM_HALF_DEPTH_STUDENT, kept), studentPath);
    reporter.log(`derived the half-depth student from teacher layers ${kept.join(', ')}`);
  }
}

export async function runTextDemo(reporter: Reporter): Promise<void> {
  const started = performance.now();
  const folder = path.join(examplesFolder(), 'text');
  await prepareModels(folder, reporter);
  const summaries = new Map<string, RunSummary>();
  for (const variant of VARIANTS) {
    reporter.log(`\n${variant}:`);
    summaries.set(variant, await runFromConfig(loadConfig(path.join(folder, `${variant}.distq.json`)), reporter));
  }
  const get = (variant: (typeof VARIANTS)[number]): RunSummary => summaries.get(variant)!;
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  const ms = (value: number, digits: number): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : '—');
  const latency = (s: RunSummary, kind: 'fp32' | 'int8'): [string, string] => [ms(s.latencyMs[kind].batch1, 2), ms(s.latencyMs[kind].batch, 1)];
  const qat = get('qat-int8');
  const halfQat = get('half-qat-int8');
  const rows: string[][] = [['variant', 'test accuracy', 'fake-quant', 'size', 'latency b=1', `latency b=${qat.latencyMs.batchSize}`]];
  rows.push(['FP32 teacher (4 layers)', percent(qat.accuracy.studentFp32), '', kib(qat.sizeBytes.fp32), ...latency(qat, 'fp32')]);
  rows.push(['PTQ INT8', percent(qat.accuracy.ptqInt8), '', kib(qat.sizeBytes.int8), ...latency(qat, 'int8')]);
  for (const [label, variant] of [['QAT INT8', 'qat-int8'], ['QAT + KD INT8', 'qat-kd-int8']] as const) {
    const s = get(variant);
    rows.push([label, percent(s.accuracy.qatInt8), percent(s.accuracy.qatFakeQuant), kib(s.sizeBytes.int8), ...latency(s, 'int8')]);
  }
  rows.push(['Half-depth student (2 layers):', '', '', kib(halfQat.sizeBytes.fp32), ...latency(halfQat, 'fp32')]);
  for (const [label, variant] of [['  QAT INT8', 'half-qat-int8'], ['  QAT + KD INT8', 'half-kd-int8']] as const) {
    const s = get(variant);
    rows.push([label, percent(s.accuracy.qatInt8), percent(s.accuracy.qatFakeQuant), kib(s.sizeBytes.int8), ...latency(s, 'int8')]);
  }
  process.stdout.write(`\n${formatTable(rows)}\n`);
  const teacher = qat.accuracy.studentFp32;
  const kd = get('qat-kd-int8').accuracy.qatInt8;
  const pp = (value: number): string => `${value >= 0 ? '+' : ''}${(100 * value).toFixed(2)} pp`;
  process.stdout.write(`\nINT8 QAT + KD vs FP32 teacher: ${pp(kd - teacher)} (goal: within 0.5 pp); vs QAT without KD: ${pp(kd - qat.accuracy.qatInt8)}.\n`);
  process.stdout.write(`Half depth, INT8: QAT + KD vs QAT ${pp(get('half-kd-int8').accuracy.qatInt8 - halfQat.accuracy.qatInt8)}. One run per variant here; docs/experiments.md has means and spreads over 3 seeds.\n`);
  process.stdout.write(`Test set: the fixed 1,206-message SpamAssassin split (one message ≈ 0.08 pp). Sizes and latencies are of the ONNX models in ONNX Runtime, with the configs' threads. Demo took ${((performance.now() - started) / 1000).toFixed(0)} s.\n`);
}
