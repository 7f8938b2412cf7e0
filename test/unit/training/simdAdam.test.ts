import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaScriptAdamUpdates, type AdamUpdates, type MomentStep } from '../../../engine/training/optim/adam.ts';
import { simdAdamAvailable, simdAdamUpdates } from '../../../engine/training/optim/simdAdam.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { assertBitIdentical, AWKWARD_LENGTHS, awkwardArray, firstDifference } from './bitIdentical.ts';

const STEPS = 4;

interface Hyperparameters {
  learningRate: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

const HYPERPARAMETERS: Hyperparameters[] = [
  { learningRate: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2 },
  { learningRate: 0.3, betas: [0.5, 0.9], eps: 1e-3, weightDecay: 0.25 },
  { learningRate: 2e-5, betas: [0.95, 0.9999], eps: 1e-12, weightDecay: 5e-4 },
];

/** The scalars as AdamOptimizer.step computes them for step `t` (from 1). */
function momentStep(h: Hyperparameters, t: number, expAvg: Float32Array, expAvgSq: Float32Array): MomentStep {
  return {
    expAvg,
    expAvgSq,
    beta1: Math.fround(h.betas[0]),
    beta2: Math.fround(h.betas[1]),
    gradientShare: Math.fround(1 - h.betas[0]),
    squareShare: Math.fround(1 - h.betas[1]),
    eps: Math.fround(h.eps),
    negativeStepSize: Math.fround(-h.learningRate / (1 - h.betas[0] ** t)),
    secondMomentCorrection: Math.fround(Math.sqrt(1 - h.betas[1] ** t)),
  };
}

type Case = (updates: AdamUpdates, value: Float32Array, gradient: Float32Array, moments: MomentStep, h: Hyperparameters) => void;

const CASES: Record<string, Case> = {
  adam: (u, value, gradient, moments) => u.plain(value, gradient, moments),
  'adam, L2 weight decay': (u, value, gradient, moments, h) => u.l2(value, gradient, moments, Math.fround(h.weightDecay)),
  'adamw, decoupled weight decay': (u, value, gradient, moments, h) => u.decoupled(value, gradient, moments, Math.fround(1 - h.learningRate * h.weightDecay)),
};

describe('Adam updates in WebAssembly SIMD', () => {
  it('run on this Node (else adam.ts falls back to the JavaScript loops and the comparisons below test nothing new)', () => {
    assert.equal(simdAdamAvailable(), true);
  });

  for (const [name, update] of Object.entries(CASES)) {
    it(`${name}: bit-identical to the JavaScript loop over ${STEPS} steps, value and both moments`, () => {
      const random = new SeededRandom(name.length * 104_729 + 3);
      for (const length of AWKWARD_LENGTHS) {
        for (const [index, hyperparameters] of HYPERPARAMETERS.entries()) {
          const expected = { value: awkwardArray(random, length), expAvg: awkwardArray(random, length), expAvgSq: awkwardArray(random, length).map(Math.abs) };
          const actual = { value: expected.value.slice(), expAvg: expected.expAvg.slice(), expAvgSq: expected.expAvgSq.slice() };
          for (let t = 1; t <= STEPS; t++) {
            const gradient = awkwardArray(random, length);
            const gradientBefore = gradient.slice();
            const valueBefore = expected.value.slice();
            update(javaScriptAdamUpdates, expected.value, gradient, momentStep(hyperparameters, t, expected.expAvg, expected.expAvgSq), hyperparameters);
            update(simdAdamUpdates, actual.value, gradient, momentStep(hyperparameters, t, actual.expAvg, actual.expAvgSq), hyperparameters);
            const where = `length ${length}, hyperparameters ${index}, step ${t}`;
            // The reference must move the parameters, or equality would not show the kernel computed anything.
            if (length >= 5) assert.notEqual(firstDifference(expected.value, valueBefore), undefined, `${where}: the reference did not change the value`);
            assertBitIdentical(actual.value, expected.value, `value (${where})`);
            assertBitIdentical(actual.expAvg, expected.expAvg, `first moment (${where})`);
            assertBitIdentical(actual.expAvgSq, expected.expAvgSq, `second moment (${where})`);
            assertBitIdentical(gradient, gradientBefore, `gradient (${where}), which must stay unchanged`);
          }
        }
      }
    });
  }
});
