import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdamOptimizer } from '../../../engine/training/optim/adam.ts';
import { createOptimizer } from '../../../engine/training/optim/factory.ts';
import type { Optimizer, OptimizerState, ParameterSlot } from '../../../engine/training/optim/optimizer.ts';
import { SgdOptimizer } from '../../../engine/training/optim/sgd.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { assertCloseRelative, reference, type NamedValues } from './optimReference.ts';

/** Biases take no weight decay, as the reference puts them in a group with weight_decay 0. */
function slotsFrom(initial: NamedValues): ParameterSlot[] {
  return Object.entries(initial).map(([name, values]) => ({
    name,
    value: Float32Array.from(values),
    gradient: new Float32Array(values.length),
    weightDecay: name !== 'bias',
  }));
}

describe(`optimizers against torch.optim (torch ${reference.torchVersion})`, () => {
  for (const testCase of reference.optimizers) {
    it(testCase.name, () => {
      const optimizer = createOptimizer(testCase.config);
      const slots = slotsFrom(testCase.initial);
      testCase.gradients.forEach((gradients, step) => {
        for (const slot of slots) slot.gradient.set(gradients[slot.name]!);
        const gradientsBefore = slots.map((slot) => slot.gradient.slice());
        optimizer.step(slots, testCase.learningRates[step]!);
        slots.forEach((slot, i) => assert.deepEqual(slot.gradient, gradientsBefore[i], 'step must not modify gradients'));
        for (const slot of slots) assertCloseRelative(slot.value, testCase.after[step]![slot.name]!, `${slot.name} after step ${step + 1}`);
      });
      const state = optimizer.state();
      for (const [name, buffers] of Object.entries(testCase.finalState)) {
        assert.equal(state.parameters[name]!.step, testCase.gradients.length);
        assert.deepEqual(Object.keys(state.parameters[name]!.buffers).sort(), Object.keys(buffers).sort());
        for (const [bufferName, values] of Object.entries(buffers)) {
          assertCloseRelative(state.parameters[name]!.buffers[bufferName]!, values, `${name}.${bufferName}`);
        }
      }
    });
  }
});

function randomSlots(random: SeededRandom): ParameterSlot[] {
  const make = (name: string, length: number, weightDecay: boolean): ParameterSlot => ({
    name,
    value: Float32Array.from({ length }, () => random.normal()),
    gradient: new Float32Array(length),
    weightDecay,
  });
  return [make('conv.weight', 54, true), make('conv.bias', 6, false), make('fc.weight', 120, true)];
}

function fillGradients(slots: ParameterSlot[], random: SeededRandom): void {
  for (const slot of slots) for (let i = 0; i < slot.gradient.length; i++) slot.gradient[i] = random.normal() * 0.3;
}

/** Runs `steps` updates with gradients and learning rates drawn from `seed` and the step index. */
function train(optimizer: Optimizer, slots: ParameterSlot[], random: SeededRandom, firstStep: number, steps: number): void {
  for (let step = firstStep; step < firstStep + steps; step++) {
    fillGradients(slots, random);
    optimizer.step(slots, 0.05 / (1 + step));
  }
}

function copySlots(slots: ParameterSlot[]): ParameterSlot[] {
  return slots.map((slot) => ({ ...slot, value: slot.value.slice(), gradient: slot.gradient.slice() }));
}

/** The state as a checkpoint would carry it: JSON for the structure, raw bytes for the arrays. */
function throughCheckpoint(state: OptimizerState): OptimizerState {
  const arrays: ArrayBuffer[] = [];
  const json = JSON.stringify(state, (_key, value: unknown) => {
    if (value instanceof Float32Array) {
      arrays.push(value.slice().buffer);
      return { arrayIndex: arrays.length - 1 };
    }
    return value;
  });
  return JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && 'arrayIndex' in value) return new Float32Array(arrays[(value as { arrayIndex: number }).arrayIndex]!);
    return value;
  }) as OptimizerState;
}

describe('optimizer state save and load', () => {
  const configs = [
    { kind: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 },
    { kind: 'sgd', learningRate: 0.05, momentum: 0.9, dampening: 0.1 },
    { kind: 'adam', learningRate: 0.05, weightDecay: 1e-3 },
    { kind: 'adamw', learningRate: 0.05 },
  ] as const;
  for (const config of configs) {
    it(`${JSON.stringify(config)}: a resumed run continues bit-identically`, () => {
      const random = new SeededRandom(7);
      const uninterrupted = randomSlots(random);
      const resumedSlots = copySlots(uninterrupted);

      const first = createOptimizer(config);
      const gradientRandom = new SeededRandom(99);
      train(first, uninterrupted, gradientRandom, 0, 4);
      const checkpoint = throughCheckpoint(first.state());
      const randomAtCheckpoint = gradientRandom.snapshot;
      for (let i = 0; i < uninterrupted.length; i++) resumedSlots[i]!.value.set(uninterrupted[i]!.value);
      train(first, uninterrupted, gradientRandom, 4, 5);

      const resumed = createOptimizer(config);
      resumed.load(checkpoint);
      const resumedRandom = new SeededRandom(0);
      resumedRandom.restore(randomAtCheckpoint);
      train(resumed, resumedSlots, resumedRandom, 4, 5);

      for (let i = 0; i < uninterrupted.length; i++) assert.deepEqual(resumedSlots[i]!.value, uninterrupted[i]!.value);
      assert.deepEqual(resumed.state(), first.state());
    });

    it(`${config.kind}: without the loaded state the continuation differs (the test can fail)`, () => {
      const random = new SeededRandom(7);
      const slots = randomSlots(random);
      const fresh = copySlots(slots);
      const optimizer = createOptimizer(config);
      const gradientRandom = new SeededRandom(99);
      train(optimizer, slots, gradientRandom, 0, 4);
      for (let i = 0; i < slots.length; i++) fresh[i]!.value.set(slots[i]!.value);
      const snapshot = gradientRandom.snapshot;
      train(optimizer, slots, gradientRandom, 4, 2);
      const freshRandom = new SeededRandom(0);
      freshRandom.restore(snapshot);
      train(createOptimizer(config), fresh, freshRandom, 4, 2);
      assert.notDeepEqual(fresh[0]!.value, slots[0]!.value);
    });
  }

  it('state() is a deep copy and load() copies in', () => {
    const slots = randomSlots(new SeededRandom(3));
    const optimizer = new AdamOptimizer();
    fillGradients(slots, new SeededRandom(4));
    optimizer.step(slots, 0.01);
    const state = optimizer.state();
    const expAvg = state.parameters['fc.weight']!.buffers.expAvg!;
    const before = expAvg[0];
    expAvg[0] = 123;
    assert.equal(optimizer.state().parameters['fc.weight']!.buffers.expAvg![0], before);
    optimizer.load(state);
    expAvg[0] = 456;
    assert.equal(optimizer.state().parameters['fc.weight']!.buffers.expAvg![0], 123);
  });

  it('refuses state of another kind, and buffers of the wrong size at the next step', () => {
    const slots = randomSlots(new SeededRandom(3));
    const adam = new AdamOptimizer();
    adam.step(slots, 0.01);
    assert.throws(() => new SgdOptimizer({ momentum: 0.9 }).load(adam.state()), /cannot load adam optimizer state into a sgd optimizer/);
    const sgd = new SgdOptimizer({ momentum: 0.9 });
    assert.throws(() => sgd.load({ kind: 'sgd', parameters: { w: { step: 1, buffers: {} } } }), /lacks the buffer 'momentum'/);
    const other = new AdamOptimizer();
    other.load(adam.state());
    const resized = slots.map((slot) => (slot.name === 'fc.weight' ? { ...slot, value: new Float32Array(7), gradient: new Float32Array(7) } : slot));
    assert.throws(() => other.step(resized, 0.01), /parameter 'fc.weight': optimizer state 'expAvg' has 120 elements, value has 7/);
  });
});

describe('optimizer semantics beyond the reference', () => {
  it('weightDecay: false exempts a parameter from AdamW decoupled decay', () => {
    const optimizer = new AdamOptimizer({ decoupledWeightDecay: true, weightDecay: 0.5 });
    const decayed: ParameterSlot = { name: 'w', value: Float32Array.of(2), gradient: Float32Array.of(0), weightDecay: true };
    const exempt: ParameterSlot = { name: 'b', value: Float32Array.of(2), gradient: Float32Array.of(0), weightDecay: false };
    optimizer.step([decayed, exempt], 0.1);
    // zero gradient: the Adam term is 0 / (0 + ε) = 0, so only the decay moves the weight: 2·(1 − 0.1·0.5)
    assert.equal(decayed.value[0], Math.fround(2 * Math.fround(0.95)));
    assert.equal(exempt.value[0], 2);
  });

  it('first SGD momentum step copies the gradient into the buffer, ignoring dampening (as PyTorch)', () => {
    const optimizer = new SgdOptimizer({ momentum: 0.9, dampening: 0.5 });
    const slot: ParameterSlot = { name: 'w', value: Float32Array.of(1, -1), gradient: Float32Array.of(0.5, 0.25), weightDecay: true };
    optimizer.step([slot], 1);
    assert.deepEqual(optimizer.state().parameters.w!.buffers.momentum, Float32Array.of(0.5, 0.25));
    assert.deepEqual(slot.value, Float32Array.of(0.5, -1.25));
    optimizer.step([slot], 1);
    // b = 0.9·b + 0.5·g
    assert.deepEqual(optimizer.state().parameters.w!.buffers.momentum, Float32Array.of(Math.fround(0.9 * 0.5 + 0.25), Math.fround(Math.fround(0.9) * 0.25 + 0.125)));
  });

  it('mismatched gradient length is an error naming the parameter', () => {
    const slot: ParameterSlot = { name: 'fc.bias', value: new Float32Array(3), gradient: new Float32Array(4), weightDecay: false };
    assert.throws(() => new SgdOptimizer().step([slot], 0.1), /parameter 'fc.bias': gradient has 4 elements, value has 3/);
  });

  it('validates hyperparameters as PyTorch does', () => {
    assert.throws(() => new SgdOptimizer({ nesterov: true }), /Nesterov momentum requires momentum > 0 and dampening 0/);
    assert.throws(() => new SgdOptimizer({ momentum: 0.9, dampening: 0.1, nesterov: true }), /Nesterov/);
    assert.throws(() => new SgdOptimizer({ momentum: -0.1 }), /invalid momentum/);
    assert.throws(() => new AdamOptimizer({ betas: [1, 0.999] }), /invalid beta1/);
    assert.throws(() => new AdamOptimizer({ eps: -1 }), /invalid eps/);
    assert.throws(() => new SgdOptimizer().step([], -0.1), /invalid learning rate/);
  });
});

describe('createOptimizer', () => {
  it('applies PyTorch defaults', () => {
    const sgd = createOptimizer({ kind: 'sgd', learningRate: 0.1 });
    assert.ok(sgd instanceof SgdOptimizer);
    assert.deepEqual([sgd.momentum, sgd.dampening, sgd.nesterov, sgd.weightDecay], [0, 0, false, 0]);
    const adam = createOptimizer({ kind: 'adam', learningRate: 1e-3 });
    assert.ok(adam instanceof AdamOptimizer);
    assert.deepEqual([adam.kind, adam.beta1, adam.beta2, adam.eps, adam.weightDecay], ['adam', 0.9, 0.999, 1e-8, 0]);
    const adamw = createOptimizer({ kind: 'adamw', learningRate: 1e-3 });
    assert.ok(adamw instanceof AdamOptimizer);
    assert.deepEqual([adamw.kind, adamw.weightDecay], ['adamw', 1e-2]);
  });

  it('rejects fields that do not apply and bad learning rates', () => {
    assert.throws(() => createOptimizer({ kind: 'adam', learningRate: 1e-3, momentum: 0.9 }), /'momentum' does not apply to adam/);
    assert.throws(() => createOptimizer({ kind: 'sgd', learningRate: 0.1, betas: [0.9, 0.99] }), /'betas' does not apply to sgd/);
    assert.throws(() => createOptimizer({ kind: 'sgd', learningRate: Number.NaN }), /learningRate/);
  });
});
