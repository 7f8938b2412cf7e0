import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantSchedule, cosineWarmupSchedule, createLearningRateSchedule, stepDecaySchedule } from '../../../engine/training/optim/schedule.ts';
import { assertCloseRelative, reference } from './optimReference.ts';

describe(`learning-rate schedules against torch.optim.lr_scheduler (torch ${reference.torchVersion})`, () => {
  for (const testCase of reference.schedules) {
    it(`${testCase.name} as ${JSON.stringify(testCase.config)}`, () => {
      const schedule = createLearningRateSchedule(testCase.config, testCase.base);
      const rates = testCase.rates.map((_, step) => schedule(step, testCase.stepsPerEpoch, testCase.totalSteps));
      assertCloseRelative(rates, testCase.rates, testCase.name, 1e-12);
    });
  }
});

describe('cosine with warm-up: the documented formula', () => {
  const schedule = cosineWarmupSchedule(0.1, 0.01, 4);
  const totalSteps = 14;
  it('warms up linearly as base·(t+1)/W, reaching base at t = W−1', () => {
    assertCloseRelative([0, 1, 2, 3].map((t) => schedule(t, 7, totalSteps)), [0.025, 0.05, 0.075, 0.1], 'warm-up', 1e-15);
    assert.equal(schedule(3, 7, totalSteps), 0.1);
  });
  it('anneals as min + (base−min)·(1+cos(π·(t−W)/(T−W)))/2 and stays at min from T on', () => {
    assert.equal(schedule(4, 7, totalSteps), 0.1);
    assert.ok(Math.abs(schedule(9, 7, totalSteps) - 0.055) < 1e-15); // halfway: (base + min)/2
    assert.ok(Math.abs(schedule(6, 7, totalSteps) - (0.01 + 0.09 * (1 + Math.cos(Math.PI * 0.2)) / 2)) < 1e-15);
    assert.equal(schedule(14, 7, totalSteps), 0.01);
    assert.equal(schedule(100, 7, totalSteps), 0.01);
  });
  it('is non-increasing after the warm-up', () => {
    for (let t = 4; t < 20; t++) assert.ok(schedule(t + 1, 7, totalSteps) <= schedule(t, 7, totalSteps), `step ${t}`);
  });
  it('with as many warm-up steps as total steps, ends the warm-up at base and then returns min', () => {
    const short = cosineWarmupSchedule(0.1, 0.001, 5);
    assert.equal(short(4, 1, 5), 0.1);
    assert.equal(short(5, 1, 5), 0.001);
  });
  it('defaults to no warm-up and a minimum of 0', () => {
    const plain = createLearningRateSchedule({ kind: 'cosine' }, 0.2);
    assert.equal(plain(0, 1, 10), 0.2);
    assert.ok(Math.abs(plain(5, 1, 10) - 0.1) < 1e-15);
    assert.equal(plain(10, 1, 10), 0);
  });
});

describe('constant and step decay', () => {
  it('constant returns the base rate at every step', () => {
    const schedule = constantSchedule(0.3);
    assert.deepEqual([0, 1, 999].map((t) => schedule(t, 10, 1000)), [0.3, 0.3, 0.3]);
    assert.equal(createLearningRateSchedule({ kind: 'constant' }, 0.5)(7, 3, 10), 0.5);
  });
  it('step decay changes at epoch boundaries only, by gamma every N epochs (default gamma 0.1)', () => {
    const schedule = stepDecaySchedule(1, 3);
    const stepsPerEpoch = 4;
    assert.equal(schedule(11, stepsPerEpoch, 100), 1); // last step of epoch 2
    assert.ok(Math.abs(schedule(12, stepsPerEpoch, 100) - 0.1) < 1e-16); // first step of epoch 3
    assert.ok(Math.abs(schedule(24, stepsPerEpoch, 100) - 0.01) < 1e-17);
  });
  it('rejects invalid arguments', () => {
    assert.throws(() => stepDecaySchedule(0.1, 0), /everyEpochs must be a positive integer/);
    assert.throws(() => stepDecaySchedule(0.1, 2)(3, 0, 10), /stepsPerEpoch must be a positive integer/);
    assert.throws(() => cosineWarmupSchedule(0.1, 0, -1), /warmupSteps/);
    assert.throws(() => constantSchedule(Number.NaN), /base learning rate/);
    assert.throws(() => constantSchedule(0.1)(-1, 1, 1), /step must be a non-negative integer/);
  });
});
