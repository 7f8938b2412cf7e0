/**
 * Peak memory of a QAT + KD run of resnet18 (3×64×64, batch 32) through the engine's public API,
 * as a training run does it: prepareCompression with the FP32 model as its own teacher (its
 * logits cached for the training set, the default), calibration, then `--steps` steps (default 20) with
 * SGD. Prints the process's max RSS (process.resourceUsage().maxRSS) after preparing and at the end.
 * Run: node --import tsx bench/zooMemory.ts [--model resnet18|mobilenet_v2] [--steps 20] [--threads 2]
 */
import { createFloatDataset, createOptimizer, iterateBatches, prepareCompression } from '../engine/index.ts';
import { SeededRandom } from '../engine/util/random.ts';
import { torchvisionModelFile } from './models/torchvisionFile.ts';
import { ZOO_BATCH, ZOO_BENCH_MODELS, ZOO_EXAMPLE_SHAPE, type ZooBenchModel } from './zooStep.ts';

const CLASSES = 10;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

function maxRssMegabytes(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const name = option('model', 'resnet18');
  if (!ZOO_BENCH_MODELS.includes(name as ZooBenchModel)) throw new Error(`--model takes one of ${ZOO_BENCH_MODELS.join(', ')}`);
  const steps = Number(option('steps', '20'));
  const threads = Number(option('threads', '2'));
  const file = torchvisionModelFile(name, 17);
  const random = new SeededRandom(1);
  const count = steps * ZOO_BATCH;
  const values = Float32Array.from({ length: count * ZOO_EXAMPLE_SHAPE.reduce((a, b) => a * b, 1) }, () => random.normal());
  const train = createFloatDataset({ values, shape: [...ZOO_EXAMPLE_SHAPE], labels: Int32Array.from({ length: count }, (_, i) => i % CLASSES), classCount: CLASSES });
  console.log(`${name}: ${steps} QAT + KD steps at batch ${ZOO_BATCH}, ${threads} threads; max RSS at start ${maxRssMegabytes().toFixed(0)} MB`);

  const start = performance.now();
  const manager = await prepareCompression(file, [
    { teacher: file, kind: 'kd', temperature: 2, lossWeights: [0.5, 0.5] },
    { calibrationBatches: 1 },
  ], { train, batchSize: ZOO_BATCH, evalBatchSize: ZOO_BATCH, seed: 3, threads });
  try {
    await manager.callbacks.onTrainBegin();
    console.log(`prepared and calibrated in ${((performance.now() - start) / 1000).toFixed(1)} s; max RSS ${maxRssMegabytes().toFixed(0)} MB`);
    const optimizer = createOptimizer({ kind: 'sgd', learningRate: 0.01, momentum: 0.9 });
    const stepsStart = performance.now();
    for (const batch of iterateBatches(train, { batchSize: ZOO_BATCH, seed: 1, epoch: 0 })) {
      const result = await manager.computeLoss(batch);
      manager.optimizerStep(optimizer, result, 0.01);
    }
    const perStep = (performance.now() - stepsStart) / steps;
    console.log(`${steps} steps, ${perStep.toFixed(0)} ms per step; max RSS ${maxRssMegabytes().toFixed(0)} MB`);
  } finally {
    await manager.release();
  }
}

main().catch((error: unknown) => {
  console.error(`zooMemory: ${(error as Error).message}`);
  process.exitCode = 1;
});
