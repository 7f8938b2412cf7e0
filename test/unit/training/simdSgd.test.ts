import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaScriptSgdUpdates, type SgdUpdates } from '../../../engine/training/optim/sgd.ts';
import { simdSgdAvailable, simdSgdUpdates } from '../../../engine/training/optim/simdSgd.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { assertBitIdentical, AWKWARD_LENGTHS, awkwardArray, firstDifference } from './bitIdentical.ts';

const STEPS = 4;

interface Hyperparameters {
  negativeLearningRate: number;
  decay: number;
  momentum: number;
  momentumInput: number;
}

const f = Math.fround;
const HYPERPARAMETERS: Hyperparameters[] = [
  { negativeLearningRate: f(-0.1), decay: f(5e-4), momentum: f(0.9), momentumInput: f(1) },
  { negativeLearningRate: f(-3e-4), decay: f(1e-2), momentum: f(0.99), momentumInput: f(1 - 0.1) },
  { negativeLearningRate: f(-1.7), decay: f(0.3), momentum: f(0.5), momentumInput: f(1 - 0.75) },
];

type Case = (updates: SgdUpdates, value: Float32Array, gradient: Float32Array, buffer: Float32Array, h: Hyperparameters) => void;

const CASES: Record<string, Case> = {
  'without momentum': (u, value, gradient, _buffer, h) => u.withoutMomentum(value, gradient, 0, h.negativeLearningRate),
  'without momentum, weight decay': (u, value, gradient, _buffer, h) => u.withoutMomentum(value, gradient, h.decay, h.negativeLearningRate),
  momentum: (u, value, gradient, buffer, h) => u.momentum(value, gradient, buffer, h.momentum, h.momentumInput, h.negativeLearningRate),
  'momentum, weight decay': (u, value, gradient, buffer, h) => u.momentumDecayed(value, gradient, buffer, h.decay, h.momentum, h.momentumInput, h.negativeLearningRate),
  nesterov: (u, value, gradient, buffer, h) => u.nesterov(value, gradient, buffer, h.momentum, h.negativeLearningRate),
  'nesterov, weight decay': (u, value, gradient, buffer, h) => u.nesterovDecayed(value, gradient, buffer, h.decay, h.momentum, h.negativeLearningRate),
};

describe('SGD updates in WebAssembly SIMD', () => {
  it('run on this Node (else sgd.ts falls back to the JavaScript loops and the comparisons below test nothing new)', () => {
    assert.equal(simdSgdAvailable(), true);
  });

  for (const [name, update] of Object.entries(CASES)) {
    it(`${name}: bit-identical to the JavaScript loop over ${STEPS} steps, value and momentum buffer`, () => {
      const random = new SeededRandom(name.length * 7919 + 13);
      for (const length of AWKWARD_LENGTHS) {
        for (const [index, hyperparameters] of HYPERPARAMETERS.entries()) {
          const expectedValue = awkwardArray(random, length);
          const expectedBuffer = awkwardArray(random, length);
          const value = expectedValue.slice();
          const buffer = expectedBuffer.slice();
          for (let step = 0; step < STEPS; step++) {
            const gradient = awkwardArray(random, length);
            const gradientBefore = gradient.slice();
            const valueBefore = expectedValue.slice();
            update(javaScriptSgdUpdates, expectedValue, gradient, expectedBuffer, hyperparameters);
            update(simdSgdUpdates, value, gradient, buffer, hyperparameters);
            const where = `length ${length}, hyperparameters ${index}, step ${step + 1}`;
            // The reference must move the parameters, or equality would not show the kernel computed anything.
            if (length >= 5) assert.notEqual(firstDifference(expectedValue, valueBefore), undefined, `${where}: the reference did not change the value`);
            assertBitIdentical(value, expectedValue, `value (${where})`);
            assertBitIdentical(buffer, expectedBuffer, `momentum buffer (${where})`);
            assertBitIdentical(gradient, gradientBefore, `gradient (${where}), which must stay unchanged`);
          }
        }
      }
    });
  }

  it('updates views at any offset of a larger array and leaves the floats around them alone', () => {
    const random = new SeededRandom(5);
    const length = 4099;
    const hyperparameters = HYPERPARAMETERS[0]!;
    // One float of margin on each side: the views start off the 16-byte alignment the kernels use internally.
    const backing = { value: awkwardArray(random, length + 2), gradient: awkwardArray(random, length + 2), buffer: awkwardArray(random, length + 2) };
    const expectedValue = backing.value.slice(1, length + 1);
    const expectedBuffer = backing.buffer.slice(1, length + 1);
    const before = { value: backing.value.slice(), buffer: backing.buffer.slice() };
    const gradient = backing.gradient.subarray(1, length + 1);
    CASES['momentum, weight decay']!(javaScriptSgdUpdates, expectedValue, gradient, expectedBuffer, hyperparameters);
    CASES['momentum, weight decay']!(simdSgdUpdates, backing.value.subarray(1, length + 1), gradient, backing.buffer.subarray(1, length + 1), hyperparameters);
    assertBitIdentical(backing.value.subarray(1, length + 1), expectedValue, 'value');
    assertBitIdentical(backing.buffer.subarray(1, length + 1), expectedBuffer, 'momentum buffer');
    for (const edge of [0, length + 1]) {
      assert.equal(backing.value[edge], before.value[edge], `value outside the view at ${edge}`);
      assert.equal(backing.buffer[edge], before.buffer[edge], `buffer outside the view at ${edge}`);
    }
  });

  it('leaves an empty parameter empty', () => {
    const empty = new Float32Array(0);
    simdSgdUpdates.momentum(empty, empty, empty, f(0.9), 1, f(-0.1));
    assert.equal(empty.length, 0);
  });
});
