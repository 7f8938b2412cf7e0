/** Shared helpers for the run, compression and distillation tests: temp folders, tiny models and configs, ONNX Runtime checks. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { buildSequentialModel, type SequentialSpec } from '../../../engine/models/sequentialBuilder.ts';
import { writeModel, readModel } from '../../../engine/onnx/modelFile.ts';
import { parseConfigText, type LoadedConfig } from '../../../engine/config/loadConfig.ts';
import type { Reporter } from '../../../engine/commands/reporter.ts';
import type { Dataset } from '../../../engine/data/dataset.ts';
import { exampleSize } from '../../../engine/data/dataset.ts';
import type { MetricsRecord, StepMetrics } from '../../../contracts/metricsRecord.ts';
import { trainFromConfig } from '../../../engine/commands/train.ts';

export const TRAIN_COUNT = 256;
export const TEST_COUNT = 200;
export const BATCH = 64;

/** A fresh folder under the OS temp folder; remove it with removeWorkspace. */
export function makeWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'distq-test-'));
}

export function removeWorkspace(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

export function writeSequential(folder: string, file: string, spec: SequentialSpec): string {
  const full = path.join(folder, file);
  writeModel(buildSequentialModel(spec), full);
  return full;
}

/** A config for runFromConfig on tiny MNIST, with the given sections merged over the defaults. */
export function tinyConfig(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'tiny',
    data: { kind: 'mnist', trainCount: TRAIN_COUNT, testCount: TEST_COUNT },
    training: { epochs: 1, batchSize: BATCH, evalBatchSize: TEST_COUNT, optimizer: { kind: 'sgd', learningRate: 0.01, momentum: 0.9 }, logEverySteps: 1, seed: 7 },
    ...overrides,
  };
}

/** Writes the config beside the models and parses it, as loadConfig would. */
export function loadedConfig(folder: string, config: Record<string, unknown>, fileName = 'test.distq.json'): LoadedConfig {
  const file = path.join(folder, fileName);
  const text = JSON.stringify(config, null, 2);
  fs.writeFileSync(file, text);
  return { config: parseConfigText(text, file), file, folder, text };
}

export interface RecordingReporter extends Reporter {
  lines: string[];
  steps: number;
}

export function recordingReporter(): RecordingReporter {
  const reporter: RecordingReporter = {
    lines: [],
    steps: 0,
    log: (line) => void reporter.lines.push(line),
    progress: (report) => {
      if (report.phase === 'train') reporter.steps += 1;
    },
    metrics: () => undefined,
  };
  return reporter;
}

/** Trains an FP32 MNIST CNN teacher on the tiny data with `distq train`; returns its file. */
export async function trainTinyTeacher(folder: string, spec: SequentialSpec, file = 'teacher.trained.onnx'): Promise<string> {
  writeSequential(folder, 'teacher.onnx', spec);
  const loaded = loadedConfig(folder, {
    name: 'teacher',
    model: { path: 'teacher.onnx' },
    data: { kind: 'mnist', trainCount: 2048, testCount: TEST_COUNT },
    training: { epochs: 1, batchSize: BATCH, evalBatchSize: TEST_COUNT, optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 }, schedule: { kind: 'constant' }, logEverySteps: 50, seed: 1 },
    output: { model: file, runsFolder: 'teacher-runs' },
  }, 'teacher.distq.json');
  const report = await trainFromConfig(loaded, recordingReporter());
  return report.modelPath;
}

/** Accuracy of an ONNX file on a dataset, computed with ONNX Runtime directly (not the engine's evaluator). */
export async function onnxAccuracy(file: string, dataset: Dataset): Promise<number> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
  try {
    const classes = dataset.classCount;
    let correct = 0;
    for (let start = 0; start < dataset.count; start += 100) {
      const count = Math.min(100, dataset.count - start);
      const input = dataset.inputs[0]!;
      const size = exampleSize(input.shape);
      const tensor = new ort.Tensor('float32', (input.values as Float32Array).slice(start * size, (start + count) * size), [count, ...input.shape]);
      const results = await session.run({ [session.inputNames[0]!]: tensor });
      const logits = results[session.outputNames[0]!]!.data as Float32Array;
      assert.equal(logits.length, count * classes, `${path.basename(file)} gives [${count}, ${classes}] logits`);
      for (let i = 0; i < count; i++) {
        let best = 0;
        for (let k = 1; k < classes; k++) if (logits[i * classes + k]! > logits[i * classes + best]!) best = k;
        if (best === dataset.labels[start + i]) correct += 1;
      }
    }
    return correct / dataset.count;
  } finally {
    await session.release();
  }
}

/** Initializers of an ONNX file by name, as plain float arrays (other types as numbers). */
export function initializersOf(file: string): Map<string, { dims: number[]; data: number[] | Float32Array; dataType: number }> {
  const model = readModel(file);
  return new Map([...model.graph.initializers].map(([name, t]) => [name, { dims: t.dims, dataType: t.dataType, data: t.data instanceof Float32Array ? t.data : Array.from(t.data as ArrayLike<number | bigint>, Number) }]));
}

export function readMetrics(runFolder: string): MetricsRecord[] {
  return fs.readFileSync(path.join(runFolder, 'metrics.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as MetricsRecord);
}

export function stepRecords(runFolder: string): StepMetrics[] {
  return readMetrics(runFolder).filter((r): r is StepMetrics => r.type === 'step');
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `rejected with a non-Error: ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

/** Bitwise equality of two float arrays (NaN payloads and -0 included). */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
