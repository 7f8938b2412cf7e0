import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { withPreparingRun } from '../../../extension/runHistory/preparingRun.ts';

describe('the Runs view while a run prepares', () => {
  const past = ['mnist-qat-20261205-010000Z', 'mnist-kd-20261204-230000Z'];

  it('lists the live run first while it has no folder yet', () => {
    const nodes = withPreparingRun(past, { name: 'mnist-qat', configPath: '/w/qat.distq.json' });
    assert.deepEqual(nodes, [{ kind: 'preparing', name: 'mnist-qat', configPath: '/w/qat.distq.json' }, ...past]);
  });

  it('lists it once, among the run folders, as soon as the engine has created its folder', () => {
    assert.deepEqual(withPreparingRun(past, { name: 'mnist-qat', configPath: '/w/qat.distq.json', runFolder: '/w/runs/mnist-qat-20261205-010000Z' }), past);
  });

  it('is not an empty view when the only run is still preparing', () => {
    assert.equal(withPreparingRun([], { name: 'first', configPath: '/w/first.distq.json' }).length, 1);
  });

  it('adds nothing without a live run', () => {
    assert.deepEqual(withPreparingRun(past, undefined), past);
  });
});
