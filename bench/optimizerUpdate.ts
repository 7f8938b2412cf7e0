/**
 * Micro-benchmark of the in-place optimizer updates over an MNIST-MLP-sized parameter set
 * (784→1024→256→10: 1,068,810 floats, 4.3 MB of weights). Prints the median of 50 timed runs
 * after 10 warm-up runs. Each case runs in its own Node process, as a training run uses one
 * optimizer: JIT feedback from one case would otherwise slow the loops of the next.
 * Run: node --import tsx bench/optimizerUpdate.ts
 */
import { execFileSync } from 'node:child_process';
import { clipGradientsByGlobalNorm } from '../engine/training/optim/clipping.ts';
import { createOptimizer, type OptimizerConfig } from '../engine/training/optim/factory.ts';
import type { ParameterSlot } from '../engine/training/optim/optimizer.ts';
import { SeededRandom } from '../engine/util/random.ts';

const LAYERS: [string, number, boolean][] = [
  ['fc1.weight', 784 * 1024, true],
  ['fc1.bias', 1024, false],
  ['fc2.weight', 1024 * 256, true],
  ['fc2.bias', 256, false],
  ['fc3.weight', 256 * 10, true],
  ['fc3.bias', 10, false],
];
const WARMUP_RUNS = 10;
const TIMED_RUNS = 50;

function makeSlots(): ParameterSlot[] {
  const random = new SeededRandom(1);
  return LAYERS.map(([name, length, weightDecay]) => ({
    name,
    value: Float32Array.from({ length }, () => random.normal() * 0.05),
    gradient: Float32Array.from({ length }, () => random.normal() * 1e-3),
    weightDecay,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function time(run: () => void): number {
  for (let i = 0; i < WARMUP_RUNS; i++) run();
  const times: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const CASES: Record<string, OptimizerConfig | 'clip'> = {
  'sgd momentum 0.9': { kind: 'sgd', learningRate: 0.01, momentum: 0.9 },
  'sgd nesterov + weight decay': { kind: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: true, weightDecay: 5e-4 },
  adam: { kind: 'adam', learningRate: 1e-3 },
  adamw: { kind: 'adamw', learningRate: 1e-3 },
  // A large limit: the norm pass without rescaling, the common case.
  'clip global norm (no rescale)': 'clip',
};

function runCase(label: string): void {
  const config = CASES[label];
  if (config === undefined) throw new Error(`unknown case '${label}'`);
  const slots = makeSlots();
  const run = config === 'clip' ? () => void clipGradientsByGlobalNorm(slots, 1e9) : optimizerRun(config, slots);
  console.log(`${label.padEnd(30)} ${time(run).toFixed(3)} ms`);
}

function optimizerRun(config: OptimizerConfig, slots: ParameterSlot[]): () => void {
  const optimizer = createOptimizer(config);
  return () => optimizer.step(slots, config.learningRate);
}

const requested = process.argv[2];
if (requested !== undefined) {
  runCase(requested);
} else {
  const floats = LAYERS.reduce((sum, [, length]) => sum + length, 0);
  console.log(`${floats} floats (${((floats * 4) / 1e6).toFixed(2)} MB of weights), median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs, node ${process.version}`);
  for (const label of Object.keys(CASES)) {
    process.stdout.write(execFileSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, label], { encoding: 'utf8' }));
  }
}
