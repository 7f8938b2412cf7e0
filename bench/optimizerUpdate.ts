/**
 * Micro-benchmark of the in-place optimizer updates over the parameters of a model. Prints the
 * median of 50 timed runs after 10 warm-up runs. Each case runs in its own Node process, as a
 * training run uses one optimizer: JIT feedback from one case would otherwise slow the loops of the next.
 * The SGD and AdamW update cases time both implementations in sgd.ts and adam.ts, the JavaScript
 * loops and the WebAssembly SIMD kernels (which the optimizers pick when available); the
 * "(optimizer)" cases time a whole step as training runs it.
 * Run: node --import tsx bench/optimizerUpdate.ts [mnist-mlp|mlp-1m|resnet18] [case]
 */
import { execFileSync } from 'node:child_process';
import { javaScriptAdamUpdates, type AdamUpdates, type MomentStep } from '../engine/training/optim/adam.ts';
import { clipGradientsByGlobalNorm } from '../engine/training/optim/clipping.ts';
import { createOptimizer, type OptimizerConfig } from '../engine/training/optim/factory.ts';
import type { ParameterSlot } from '../engine/training/optim/optimizer.ts';
import { javaScriptSgdUpdates, type SgdUpdates } from '../engine/training/optim/sgd.ts';
import { simdAdamUpdates } from '../engine/training/optim/simdAdam.ts';
import { simdSgdAvailable, simdSgdUpdates } from '../engine/training/optim/simdSgd.ts';
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

const LEARNING_RATE = 0.01;

/** SGD updates after the first step, with the scalars as SgdOptimizer.step passes them. */
function sgdUpdateRun(updates: SgdUpdates, nesterov: boolean, weightDecay: number): (slots: ParameterSlot[]) => () => void {
  return (slots) => {
    const negativeLearningRate = Math.fround(-LEARNING_RATE);
    const momentum = Math.fround(0.9);
    const buffers = slots.map((slot) => slot.gradient.slice());
    return () => {
      slots.forEach((slot, i) => {
        const decay = slot.weightDecay ? Math.fround(weightDecay) : 0;
        const buffer = buffers[i]!;
        if (nesterov) {
          if (decay === 0) updates.nesterov(slot.value, slot.gradient, buffer, momentum, negativeLearningRate);
          else updates.nesterovDecayed(slot.value, slot.gradient, buffer, decay, momentum, negativeLearningRate);
        } else if (decay === 0) updates.momentum(slot.value, slot.gradient, buffer, momentum, 1, negativeLearningRate);
        else updates.momentumDecayed(slot.value, slot.gradient, buffer, decay, momentum, 1, negativeLearningRate);
      });
    };
  };
}

/** AdamW updates (weight decay 1e-2 on weights) at step 10, with the scalars as AdamOptimizer.step computes them. */
function adamwUpdateRun(updates: AdamUpdates): (slots: ParameterSlot[]) => () => void {
  return (slots) => {
    const learningRate = 1e-3;
    const moments = slots.map((slot): MomentStep => ({
      expAvg: slot.gradient.slice(),
      expAvgSq: slot.gradient.map((g) => g * g),
      beta1: Math.fround(0.9),
      beta2: Math.fround(0.999),
      gradientShare: Math.fround(1 - 0.9),
      squareShare: Math.fround(1 - 0.999),
      eps: Math.fround(1e-8),
      negativeStepSize: Math.fround(-learningRate / (1 - 0.9 ** 10)),
      secondMomentCorrection: Math.fround(Math.sqrt(1 - 0.999 ** 10)),
    }));
    const shrink = Math.fround(1 - learningRate * 1e-2);
    return () => {
      slots.forEach((slot, i) => {
        if (slot.weightDecay) updates.decoupled(slot.value, slot.gradient, moments[i]!, shrink);
        else updates.plain(slot.value, slot.gradient, moments[i]!);
      });
    };
  };
}

function optimizerRun(config: OptimizerConfig): (slots: ParameterSlot[]) => () => void {
  return (slots) => {
    const optimizer = createOptimizer(config);
    return () => optimizer.step(slots, config.learningRate);
  };
}

const CASES: Record<string, (slots: ParameterSlot[]) => () => void> = {
  'sgd momentum 0.9, JS loops': sgdUpdateRun(javaScriptSgdUpdates, false, 0),
  'sgd momentum 0.9, SIMD': sgdUpdateRun(simdSgdUpdates, false, 0),
  'sgd nesterov + wd, JS loops': sgdUpdateRun(javaScriptSgdUpdates, true, 5e-4),
  'sgd nesterov + wd, SIMD': sgdUpdateRun(simdSgdUpdates, true, 5e-4),
  'adamw update, JS loops': adamwUpdateRun(javaScriptAdamUpdates),
  'adamw update, SIMD': adamwUpdateRun(simdAdamUpdates),
  'sgd momentum 0.9 (optimizer)': optimizerRun({ kind: 'sgd', learningRate: LEARNING_RATE, momentum: 0.9 }),
  'adam (optimizer)': optimizerRun({ kind: 'adam', learningRate: 1e-3 }),
  'adamw (optimizer)': optimizerRun({ kind: 'adamw', learningRate: 1e-3 }),
  // A large limit: the norm pass without rescaling, the common case.
  'clip global norm (no rescale)': (slots) => () => void clipGradientsByGlobalNorm(slots, 1e9),
};

function runCase(parameterSet: string, label: string): void {
  const makeRun = CASES[label];
  if (makeRun === undefined) throw new Error(`unknown case '${label}'`);
  const run = makeRun(makeSlots(PARAMETER_SETS[parameterSet]!));
  console.log(`${label.padEnd(30)} ${time(run).toFixed(3)} ms`);
}

const [parameterSet = 'mnist-mlp', requested] = process.argv.slice(2);
const layers = PARAMETER_SETS[parameterSet];
if (layers === undefined) throw new Error(`unknown parameter set '${parameterSet}': one of ${Object.keys(PARAMETER_SETS).join(', ')}`);
if (requested !== undefined) {
  runCase(parameterSet, requested);
} else {
  const floats = layers.reduce((sum, [, length]) => sum + length, 0);
  console.log(`${parameterSet}: ${floats} floats (${((floats * 4) / 1e6).toFixed(2)} MB of weights), median of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs, node ${process.version}, WebAssembly SIMD ${simdSgdAvailable() ? 'available' : 'unavailable'}`);
  for (const label of Object.keys(CASES)) {
    process.stdout.write(execFileSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, parameterSet, label], { encoding: 'utf8' }));
  }
}
