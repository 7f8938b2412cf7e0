/**
 * `npm run demo`: the MNIST walk-through. Trains the CNN teacher when it is not
 * there yet, then evaluates it and prints one table (accuracy, size, latency).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config/loadConfig.ts';
import { trainFromConfig } from './train.ts';
import { loadMnist } from '../data/mnist.ts';
import { readModel } from '../onnx/modelFile.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import { measureLatency } from '../runtime/latency.ts';
import type { Reporter } from './reporter.ts';

/** The examples folder: next to dist/ when bundled, or found from the working directory. */
export function examplesFolder(): string {
  const candidates = [path.resolve(__dirname, '..', 'examples'), path.resolve(process.cwd(), 'examples')];
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'mnist', 'cnn.distq.json')));
  if (!found) throw new Error(`cannot find examples/mnist (looked in ${candidates.join(', ')})`);
  return found;
}

export async function runDemo(reporter: Reporter): Promise<void> {
  const started = performance.now();
  const configPath = path.join(examplesFolder(), 'mnist', 'cnn.distq.json');
  const loaded = loadConfig(configPath);
  const teacherPath = path.resolve(loaded.folder, loaded.config.output.model ?? `${loaded.config.name}.trained.onnx`);
  if (!fs.existsSync(teacherPath)) {
    reporter.log(`training the FP32 CNN teacher (${loaded.config.training.epochs} epochs; a minute or two on 2 cores) …`);
    await trainFromConfig(loaded, reporter);
  } else {
    reporter.log(`using the trained teacher ${path.relative(process.cwd(), teacherPath)} (delete it to train again)`);
  }
  const { test } = loadMnist();
  const evaluator = await ClassifierEvaluator.create(readModel(teacherPath), 'input', 'logits');
  const { accuracy } = await evaluator.evaluate(test, 500);
  await evaluator.release();
  const latency1 = await measureLatency(teacherPath, 'input', test.inputShape, 1);
  const latencyBatch = await measureLatency(teacherPath, 'input', test.inputShape, 500, { runs: 10 });
  const rows = [
    ['variant', 'test accuracy', 'size', 'latency b=1', 'latency b=500'],
    ['FP32 teacher (CNN)', `${(100 * accuracy).toFixed(2)} %`, `${(fs.statSync(teacherPath).size / 1024).toFixed(0)} KiB`, `${latency1.medianMs.toFixed(3)} ms`, `${latencyBatch.medianMs.toFixed(1)} ms`],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  process.stdout.write(`\n${lines[0]}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.slice(1).join('\n')}\n`);
  process.stdout.write(`\nMNIST fixed split: ${test.count} test digits. Demo took ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
}
