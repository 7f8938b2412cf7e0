/**
 * The heads' share of the backbone gradient: nothing at chance, all of it at
 * `selfBalance.headAccuracyForBackbone`, linear in between; in the training graph the share scales
 * only what a head's term sends into the backbone, never the losses or the head's own gradient.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadMnist, prepareCompression } from '../../../engine/index.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { iterateBatches } from '../../../engine/data/batches.ts';
import { floatTensor } from '../../../engine/runtime/session.ts';
import { backboneShare, HeadBackboneShares } from '../../../engine/distillation/headBackboneShares.ts';
import type { AuxiliaryHead } from '../../../engine/distillation/distillationPlan.ts';
import type { StepResult } from '../../../engine/training/trainStep.ts';
import { BATCH, TRAIN_COUNT, makeWorkspace, removeWorkspace, trainTinyTeacher } from '../compression/runFixtures.ts';

const SHALLOW = ['maxpool1_out', 'maxpool2_out'];
const selfMappings = SHALLOW.map((shallow) => ({ shallow, deep: 'logits', loss: 'KL' as const }));

describe('backbone share of a head', () => {
  it('is 0 at chance or below and before any reading, 1 from the configured accuracy on, linear between', () => {
    assert.equal(backboneShare(undefined, 0.1, 0.9), 0);
    assert.equal(backboneShare(0.05, 0.1, 0.9), 0);
    assert.equal(backboneShare(0.1, 0.1, 0.9), 0);
    assert.ok(Math.abs(backboneShare(0.5, 0.1, 0.9) - 0.5) < 1e-12);
    assert.equal(backboneShare(0.9, 0.1, 0.9), 1);
    assert.equal(backboneShare(0.99, 0.1, 0.9), 1);
    assert.equal(backboneShare(0.2, 0.1, 0.05), 1, 'a threshold at or below chance lets everything through');
  });

  it('reads each head\'s accuracy smoothed over recent steps', () => {
    const heads: AuxiliaryHead[] = [{ component: 'self a', logits: 'a', parameters: [] }, { component: 'self b', logits: 'b', parameters: [] }];
    const shares = new HeadBackboneShares(heads, 10, 0.9);
    assert.deepEqual(shares.shares(), { 'self a': 0, 'self b': 0 });
    shares.observe({ 'self a': 0.9, 'self b': 0.1 });
    assert.deepEqual(shares.shares(), { 'self a': 1, 'self b': 0 }, 'the first reading is taken as it is');
    shares.observe({ 'self a': 0.1, 'self b': 0.9 });
    const after = shares.shares();
    // a: 0.9 + 0.1 · (0.1 − 0.9) = 0.82; b: 0.1 + 0.1 · 0.8 = 0.18.
    assert.ok(Math.abs(after['self a']! - 0.9) < 1e-9, JSON.stringify(after));
    assert.ok(Math.abs(after['self b']! - 0.1) < 1e-9, JSON.stringify(after));
  });
});

describe('backbone share in the training graph', () => {
  let folder: string;
  let student: string;
  const { train } = loadMnist({ trainLimit: TRAIN_COUNT, testLimit: 100 });

  before(async () => {
    folder = makeWorkspace();
    student = await trainTinyTeacher(folder, MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('scales what a head\'s term sends into the backbone, and nothing else', async () => {
    const manager = await prepareCompression(student, [
      { kind: 'self', temperature: 4, selfMappings, selfBalance: { rampEpochs: 1, capAtLabelsLoss: false, headAccuracyForBackbone: 0.9 } },
      { calibrationBatches: 2 },
    ], { train, batchSize: BATCH, evalBatchSize: 100, seed: 5 });
    try {
      const { session } = manager;
      await manager.calibrate();
      const heads = session.plan.auxiliaryHeads;
      assert.deepEqual(heads.map((h) => h.backboneShareInput !== undefined), [true, true], 'both heads are gated');
      assert.equal(session.step.graph.weightInputs.length, 2, 'the ramp feeds both terms\' weights');
      const batch = iterateBatches(train, { batchSize: BATCH, seed: 5, epoch: 0, shuffle: false, reuseBuffers: false }).next().value!;
      const feeds = await session.feedsFor(batch);
      const withShares = (share: number, selfWeight: number): Promise<StepResult> => session.step.run({
        ...feeds,
        ...Object.fromEntries(heads.map((h) => [h.backboneShareInput!, floatTensor(Float32Array.of(share), [])])),
        ...Object.fromEntries(session.step.graph.weightInputs.map((w) => [w.input, floatTensor(Float32Array.of(selfWeight), [])])),
      });
      const labelsOnly = await withShares(1, 0);
      const full = await withShares(1, 0.5);
      const half = await withShares(0.5, 0.5);
      const none = await withShares(0, 0.5);
      assert.equal(half.totalLoss, full.totalLoss, 'the forward values do not depend on the share');
      assert.deepEqual(none.components, full.components);
      const headParameters = new Set(heads.flatMap((h) => h.parameters));
      let checked = 0;
      session.step.graph.parameters.forEach((name, i) => {
        const [l, f, h, n] = [labelsOnly, full, half, none].map((r) => r.gradients[i]);
        if (!f || !h || !n) return;
        if (headParameters.has(name)) {
          assert.deepEqual(n, f, `head parameter ${name} learns from its term in full at any share`);
          return;
        }
        const base = l ?? new Float32Array(f.length);
        let termNorm = 0;
        for (let k = 0; k < f.length; k++) {
          const term = f[k]! - base[k]!;
          termNorm = Math.max(termNorm, Math.abs(term));
          assert.ok(Math.abs(n[k]! - base[k]!) <= 1e-6 * Math.max(1, Math.abs(base[k]!)), `${name}[${k}]: share 0 leaves the labels' gradient (${n[k]} vs ${base[k]})`);
          assert.ok(Math.abs(h[k]! - (base[k]! + 0.5 * term)) <= 1e-5 * Math.max(1, Math.abs(f[k]!)), `${name}[${k}]: share 1/2 halves the term (${h[k]} vs ${base[k]! + 0.5 * term})`);
        }
        if (termNorm > 1e-6) checked += 1;
      });
      assert.ok(checked > 0, 'some backbone parameter receives a self term\'s gradient');
    } finally {
      await manager.release();
    }
  });
});
