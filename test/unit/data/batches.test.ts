import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchCount, epochOrder, iterateBatches, type Batch } from '../../../engine/data/batches.ts';
import { createFloatDataset } from '../../../engine/data/dataset.ts';

// Example i has inputs [i, i + 0.5] and label i % 3, so every batch can be checked against its indices.
const dataset = createFloatDataset({
  values: Float32Array.from({ length: 20 }, (_, k) => Math.floor(k / 2) + (k % 2) * 0.5),
  shape: [2],
  labels: Int32Array.from({ length: 10 }, (_, i) => i % 3),
  classCount: 3,
});

const values = (batch: Batch) => batch.inputs[0]!.values;

function copy(batch: Batch) {
  return { inputs: [...values(batch)], labels: [...batch.labels], size: batch.size, indices: [...batch.indices] };
}

describe('iterateBatches', () => {
  it('keeps the last partial batch by default and can drop it', () => {
    assert.deepEqual([...iterateBatches(dataset, { batchSize: 4, seed: 1, epoch: 0 })].map((batch) => batch.size), [4, 4, 2]);
    assert.deepEqual([...iterateBatches(dataset, { batchSize: 4, seed: 1, epoch: 0, dropLast: true })].map((batch) => batch.size), [4, 4]);
    assert.equal(batchCount(10, 4), 3);
    assert.equal(batchCount(10, 4, true), 2);
    assert.equal(batchCount(8, 4, true), 2);
  });

  it('copies each example with its int64 label', () => {
    for (const batch of iterateBatches(dataset, { batchSize: 3, seed: 7, epoch: 2 })) {
      assert.ok(batch.labels instanceof BigInt64Array);
      assert.equal(values(batch).length, batch.size * 2);
      batch.indices.forEach((index, row) => {
        assert.deepEqual([...values(batch).subarray(row * 2, row * 2 + 2)], [index, index + 0.5]);
        assert.equal(batch.labels[row], BigInt(index % 3));
      });
    }
  });

  it('visits every example once per epoch', () => {
    // Array.from maps each batch before the next one overwrites the shared buffers.
    const seen = Array.from(iterateBatches(dataset, { batchSize: 3, seed: 7, epoch: 0 }), copy).flatMap((batch) => batch.indices);
    assert.deepEqual(seen.sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('repeats exactly for the same (seed, epoch) and differs across epochs and seeds', () => {
    const run = (seed: number, epoch: number) => Array.from(iterateBatches(dataset, { batchSize: 4, seed, epoch }), copy);
    assert.deepEqual(run(3, 1), run(3, 1));
    assert.notDeepEqual(run(3, 1), run(3, 2));
    assert.notDeepEqual(run(3, 1), run(4, 1));
    assert.deepEqual([...epochOrder(10, 3, 1)], run(3, 1).flatMap((batch) => batch.indices));
  });

  it('keeps dataset order without shuffling', () => {
    assert.deepEqual([...epochOrder(5, 9, 9, false)], [0, 1, 2, 3, 4]);
    const first = iterateBatches(dataset, { batchSize: 4, seed: 9, epoch: 9, shuffle: false }).next();
    assert.deepEqual([...(first.value as Batch).indices], [0, 1, 2, 3]);
  });

  it('shuffles 1000 indices into a permutation that moves most of them', () => {
    const order = epochOrder(1000, 42, 0);
    assert.equal(new Set(order).size, 1000);
    const fixedPoints = order.filter((index, position) => index === position).length;
    assert.ok(fixedPoints < 20, `${fixedPoints} indices stayed in place`);
  });

  it('reuses one buffer by default and gives each batch its own when asked', () => {
    const reused = [...iterateBatches(dataset, { batchSize: 4, seed: 1, epoch: 0 })];
    assert.equal(values(reused[0]!).buffer, values(reused[1]!).buffer);
    assert.equal(values(reused[2]!).byteOffset, 0);
    const owned = [...iterateBatches(dataset, { batchSize: 4, seed: 1, epoch: 0, reuseBuffers: false })];
    assert.notEqual(values(owned[0]!).buffer, values(owned[1]!).buffer);
    assert.equal(values(owned[2]!).length, 4);
  });

  it('refuses a batch size that is not a positive integer', () => {
    assert.throws(() => iterateBatches(dataset, { batchSize: 0, seed: 1, epoch: 0 }).next(), /batch size 0/);
  });
});
