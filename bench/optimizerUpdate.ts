/**
 * Micro-benchmark of the in-place optimizer updates over the parameters of a model. Prints the
 * median of 50 timed runs after 10 warm-up runs. Each case runs in its own Node process, as a
 * training run uses one optimizer: JIT feedback from one case would otherwise slow the loops of the next.
 * The SGD cases time the update after the first step through both implementations in sgd.ts, the
 * JavaScript loops and the WebAssembly SIMD kernels (which SgdOptimizer picks when available).
 * Run: node --import tsx bench/optimizerUpdate.ts [mnist-mlp|mlp-1m|resnet18] [case]
 */
import { execFileSync } from 'node:child_process';
import { clipGradientsByGlobalNorm } from '../engine/training/optim/clipping.ts';
import { createOptimizer, type OptimizerConfig } from '../engine/training/optim/factory.ts';
import type { ParameterSlot } from '../engine/training/optim/optimizer.ts';
import { javaScriptSgdUpdates, type SgdUpdates } from '../engine/training/optim/sgd.ts';
import { simdAvailable, simdSgdUpdates } from '../engine/training/optim/simdSgd.ts';
import { SeededRandom } from '../engine/util/random.ts';

/** Name, float count, and whether weight decay applies (weights yes; biases and batch-norm parameters no). */
type Layer = [string, number, boolean];

function mlpLayers(widths: readonly number[]): Layer[] {
  return widths.slice(1).flatMap((width, i): Layer[] => [
    [`fc${i + 1}.weight`, widths[i]! * width, true],
    [`fc${i + 1}.bias`, width, false],
  ]);
}

/** torchvision's resnet18 with 10 classes, as bench/models/export_torchvision.py exports it. */
function resnet18Layers(): Layer[] {
  const batchNorm = (name: string, channels: number): Layer[] => [[`${name}.weight`, channels, false], [`${name}.bias`, channels, false]];
  const layers: Layer[] = [['conv1.weight', 64 * 3 * 7 * 7, true], ...batchNorm('bn1', 64)];
  let inputs = 64;
  [64, 128, 256, 512].forEach((outputs, stage) => {
    for (let block = 0; block < 2; block++) {
      const prefix = `layer${stage + 1}.${block}`;
      const blockInputs = block === 0 ? inputs : outputs;
      layers.push([`${prefix}.conv1.weight`, outputs * blockInputs * 9, true], ...batchNorm(`${prefix}.bn1`, outputs));
      layers.push([`${prefix}.conv2.weight`, outputs * outputs * 9, true], ...batchNorm(`${prefix}.bn2`, outputs));
      if (block === 0 && stage > 0) layers.push([`${prefix}.downsample.0.weight`, outputs * inputs, true], ...batchNorm(`${prefix}.downsample.1`, outputs));
    }
    inputs = outputs;
  });
  layers.push(['fc.weight', 512 * 10, true], ['fc.bias', 10, false]);
  return layers;
}

const PARAMETER_SETS: Record<string, Layer[]> = {
  // The MLP of the training-step benchmark, 784→512→256→10: 535,818 floats.
  'mnist-mlp': mlpLayers([784, 512, 256, 10]),
  // 784→1024→256→10: 1,068,810 floats.
  'mlp-1m': mlpLayers([784, 1024, 256, 10]),
  // 11,181,642 floats.
  resnet18: resnet18Layers(),
};
const WARMUP_RUNS = 10;
const TIMED_RUNS = 50;

function makeSlots(layers: readonly Layer[]): ParameterSlot[] {
  const random = new SeededRandom(1);
  return layers.map(([name, length, weightDecay]) => ({
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

/** One SGD update after the first step, with the scalars as SgdOptimizer.step passes them. */
interface SgdUpdateCase {
  updates: SgdUpdates;
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

const LEARNING_RATE = 0.01;
const CASES: Record<string, OptimizerConfig | SgdUpdateCase | 'clip'> = {
  'sgd momentum 0.9, JS loops': { updates: javaScriptSgdUpdates, momentum: 0.9, nesterov: false, weightDecay: 0 },
  'sgd momentum 0.9, SIMD': { updates: simdSgdUpdates, momentum: 0.9, nesterov: false, weightDecay: 0 },
  'sgd nesterov + wd, JS loops': { updates: javaScriptSgdUpdates, momentum: 0.9, nesterov: true, weightDecay: 5e-4 },
  'sgd nesterov + wd, SIMD': { updates: simdSgdUpdates, momentum: 0.9, nesterov: true, weightDecay: 5e-4 },
  'sgd momentum 0.9 (optimizer)': { kind: 'sgd', learningRate: LEARNING_RATE, momentum: 0.9 },
  adam: { kind: 'adam', learningRate: 1e-3 },
  adamw: { kind: 'adamw', learningRate: 1e-3 },
  // A large limit: the norm pass without rescaling, the common case.
  'clip global norm (no rescale)': 'clip',
};

function sgdUpdateRun(updateCase: SgdUpdateCase, slots: ParameterSlot[]): () => void {
  const negativeLearningRate = Math.fround(-LEARNING_RATE);
  const momentum = Math.fround(updateCase.momentum);
  const buffers = slots.map((slot) => slot.gradient.slice());
  return () => {
    slots.forEach((slot, i) => {
      const decay = slot.weightDecay ? Math.fround(updateCase.weightDecay) : 0;
      const buffer = buffers[i]!;
      if (updateCase.nesterov) {
        if (decay === 0) updateCase.updates.nesterov(slot.value, slot.gradient, buffer, momentum, negativeLearningRate);
        else updateCase.updates.nesterovDecayed(slot.value, slot.gradient, buffer, decay, momentum, negativeLearningRate);
      } else if (decay === 0) updateCase.updates.momentum(slot.value, slot.gradient, buffer, momentum, 1, negativeLearningRate);
      else updateCase.updates.momentumDecayed(slot.value, slot.gradient, buffer, decay, momentum, 1, negativeLearningRate);
    });
  };
}

function optimizerRun(config: OptimizerConfig, slots: ParameterSlot[]): () => void {
  const optimizer = createOptimizer(config);
  return () => optimizer.step(slots, config.learningRate);
}

function runCase(parameterSet: string, label: string): void {
  const config = CASES[label];
  if (config === undefined) throw new Error(`unknown case '${label}'`);
  const slots = makeSlots(PARAMETER_SETS[parameterSet]!);
  let run: () => void;
  if (config === 'clip') run = () => void clipGradientsByGlobalNorm(slots, 1e9);
  else if ('updates' in config) run = sgdUpdateRun(config, slots);
  else run = optimizerRun(config, slots);
  console.log(`${label.padEnd(30)} ${time(run).toFixed(3)} ms`);
}

const [parameterSet = 'mnist-mlp', requested] = process.argv.slice(2);
const layers = PARAMETER_SETS[parameterSet];
if (layers === undefined) throw new Error(`unknown parameter set '${parameterSet}': one of ${Object.keys(PARAMETER_SETS).join(', ')}`);
if (requested !== undefined) {
  runCase(parameterSet, requested);
} else {
  const floats = layers.reduce((sum, [, length]) => sum + length, 0);
  console.log(`${parameterSet}: ${floats} floats (${((floats * 4) / 1e6).toFixed(2)} MB of weights), median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs, node ${process.version}, WebAssembly SIMD ${simdAvailable() ? 'available' : 'unavailable'}`);
  for (const label of Object.keys(CASES)) {
    process.stdout.write(execFileSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, parameterSet, label], { encoding: 'utf8' }));
  }
}
