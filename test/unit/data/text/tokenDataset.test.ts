import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochOrder, iterateBatches, type Batch, type BatchOptions } from '../../../../engine/data/batches.ts';
import { createTokenDataset, tokenDatasetAsDataset } from '../../../../engine/data/text/tokenDataset.ts';

// Sequence i holds ids [i, i + 10, 0] with mask [1, 1, 0] when i is even and [1, 0, 0] otherwise; label i % 2.
const count = 7;
const dataset = createTokenDataset({
  inputIds: BigInt64Array.from({ length: count * 3 }, (_, k) => BigInt([Math.floor(k / 3), Math.floor(k / 3) + 10, 0][k % 3]!)),
  attentionMask: BigInt64Array.from({ length: count * 3 }, (_, k) => (k % 3 === 0 || (k % 3 === 1 && Math.floor(k / 3) % 2 === 0) ? 1n : 0n)),
  labels: Int32Array.from({ length: count }, (_, i) => i % 2),
  sequenceLength: 3,
  vocabSize: 17,
  classCount: 2,
});

const iterateTokenBatches = (options: BatchOptions) => iterateBatches(tokenDatasetAsDataset(dataset), options);
const ids = (batch: Batch) => batch.inputs[0]!.values as BigInt64Array;
const mask = (batch: Batch) => batch.inputs[1]!.values as BigInt64Array;

function copy(batch: Batch) {
  return { inputIds: [...ids(batch)], attentionMask: [...mask(batch)], labels: [...batch.labels], indices: [...batch.indices] };
}

describe('token datasets in batches', () => {
  it('are two int64 inputs named as BERT-style graphs name them', () => {
    const asDataset = tokenDatasetAsDataset(dataset);
    assert.deepEqual(asDataset.inputs.map((input) => [input.name, input.shape]), [['input_ids', [3]], ['attention_mask', [3]]]);
    assert.equal(asDataset.inputs[0]!.values, dataset.inputIds);
    assert.equal(asDataset.count, count);
  });

  it('keeps the last partial batch by default and can drop it', () => {
    assert.deepEqual([...iterateTokenBatches({ batchSize: 3, seed: 1, epoch: 0 })].map((batch) => batch.size), [3, 3, 1]);
    assert.deepEqual([...iterateTokenBatches({ batchSize: 3, seed: 1, epoch: 0, dropLast: true })].map((batch) => batch.size), [3, 3]);
  });

  it('copies each sequence\'s ids, mask and int64 label', () => {
    for (const batch of iterateTokenBatches({ batchSize: 3, seed: 5, epoch: 1 })) {
      assert.equal(ids(batch).length, batch.size * 3);
      batch.indices.forEach((index, row) => {
        assert.deepEqual([...ids(batch).subarray(row * 3, row * 3 + 3)], [BigInt(index), BigInt(index + 10), 0n]);
        assert.deepEqual([...mask(batch).subarray(row * 3, row * 3 + 3)], [1n, index % 2 === 0 ? 1n : 0n, 0n]);
        assert.equal(batch.labels[row], BigInt(index % 2));
      });
    }
  });

  it('follows the image batches\' seeded order: the same per (seed, epoch), different across epochs', () => {
    const run = (epoch: number) => Array.from(iterateTokenBatches({ batchSize: 2, seed: 9, epoch }), copy);
    assert.deepEqual(run(3), run(3));
    assert.notDeepEqual(run(3).flatMap((batch) => batch.indices), run(4).flatMap((batch) => batch.indices));
    assert.deepEqual(run(3).flatMap((batch) => batch.indices), [...epochOrder(count, 9, 3)]);
    assert.deepEqual(run(3).flatMap((batch) => batch.indices).sort(), [0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps dataset order without shuffling and gives own arrays without buffer reuse', () => {
    const batches = [...iterateTokenBatches({ batchSize: 4, seed: 0, epoch: 0, shuffle: false, reuseBuffers: false })];
    assert.deepEqual(batches.map((batch) => [...batch.indices]), [[0, 1, 2, 3], [4, 5, 6]]);
    assert.notEqual(ids(batches[0]!).buffer, ids(batches[1]!).buffer);
    assert.throws(() => iterateTokenBatches({ batchSize: 0, seed: 0, epoch: 0 }).next(), /positive integer/);
  });
});

describe('createTokenDataset', () => {
  const parts = { inputIds: new BigInt64Array([2n, 5n, 0n, 2n, 4n, 3n]), attentionMask: new BigInt64Array([1n, 1n, 0n, 1n, 1n, 1n]), labels: new Int32Array([0, 1]), sequenceLength: 3, vocabSize: 6, classCount: 2 };

  it('counts the sequences', () => {
    assert.equal(createTokenDataset(parts).count, 2);
  });

  it('refuses ids, mask values, labels and sizes that do not fit', () => {
    assert.throws(() => createTokenDataset({ ...parts, vocabSize: 5 }), /input id 5 at sequence 0, position 1 is outside \[0, 5\)/);
    assert.throws(() => createTokenDataset({ ...parts, attentionMask: new BigInt64Array([1n, 1n, 0n, 1n, 2n, 1n]) }), /attention-mask value 2 at sequence 1, position 1/);
    assert.throws(() => createTokenDataset({ ...parts, labels: new Int32Array([0, 2]) }), /label 2 of sequence 1 is outside \[0, 2\)/);
    assert.throws(() => createTokenDataset({ ...parts, sequenceLength: 2 }), /6 input ids do not make 2 sequences of length 2/);
    assert.throws(() => createTokenDataset({ ...parts, attentionMask: new BigInt64Array(5) }), /5 attention-mask values/);
  });
});
