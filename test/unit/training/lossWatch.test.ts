import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { EXPLOSION_FACTOR, LossWatch } from '../../../engine/training/lossWatch.ts';

describe('loss watch', () => {
  it('accepts ordinary noise and a falling loss', () => {
    const watch = new LossWatch();
    for (let i = 0; i < 500; i++) assert.equal(watch.observe(2 * Math.exp(-i / 100) * (1 + 0.5 * Math.sin(i))), undefined);
  });

  it('flags a jump far above the recent typical loss, naming it', () => {
    const watch = new LossWatch();
    for (let i = 0; i < 30; i++) watch.observe(1.2);
    assert.equal(watch.observe(1.2 * EXPLOSION_FACTOR * 0.9), undefined);
    assert.equal(watch.observe(87), 1.2);
  });

  it('forgives a hard batch late in training that stays below the starting loss level', () => {
    const watch = new LossWatch();
    for (let i = 0; i < 20; i++) watch.observe(2.3);
    for (let i = 0; i < 50; i++) watch.observe(0.01);
    assert.equal(watch.observe(0.9), undefined);
  });

  it('forgives a hard batch while fine-tuning a trained model, below the loss of knowing nothing', () => {
    const watch = new LossWatch(Math.log(2));
    for (let i = 0; i < 60; i++) watch.observe(0.001 + 0.004 * (i % 3));
    assert.equal(watch.observe(0.0776), undefined, 'the case seen in W4A4 fine-tuning of the text encoder');
    assert.equal(watch.observe(0.6), undefined);
    assert.ok(watch.observe(5) !== undefined, 'far above ln 2 is an explosion');
  });

  it('does not judge before it has seen enough steps', () => {
    const watch = new LossWatch();
    for (let i = 0; i < 5; i++) watch.observe(0.01);
    assert.equal(watch.observe(100), undefined);
  });
});
