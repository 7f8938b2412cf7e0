import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classCounts, createDataset, createFloatDataset, subsetDataset, takeFirst, withInputShape } from '../../../engine/data/dataset.ts';

const dataset = createFloatDataset({ values: Float32Array.from([0, 0, 1, 1, 2, 2]), shape: [2], labels: Int32Array.from([0, 1, 1]), classCount: 2 });
// Two inputs of different element types: token ids [10 + i] and a mask [1, i % 2].
const tokens = createDataset({
  inputs: [
    { name: 'input_ids', values: BigInt64Array.from([10n, 11n, 12n]), shape: [1] },
    { name: 'attention_mask', values: BigInt64Array.from([1n, 0n, 1n, 1n, 1n, 0n]), shape: [2] },
  ],
  labels: Int32Array.from([0, 1, 0]),
  classCount: 2,
});

describe('dataset helpers', () => {
  it('takes a subset in the given order', () => {
    const subset = subsetDataset(dataset, [2, 0, 2]);
    assert.deepEqual([...subset.inputs[0]!.values], [2, 2, 0, 0, 2, 2]);
    assert.deepEqual([...subset.labels], [1, 0, 1]);
    assert.equal(subset.count, 3);
    assert.throws(() => subsetDataset(dataset, [3]), /subset index 3 is outside \[0, 3\)/);
  });
  it('takes the same subset of every input, keeping int64 values int64', () => {
    const subset = subsetDataset(tokens, [1, 1, 0]);
    assert.deepEqual([...subset.inputs[0]!.values], [11n, 11n, 10n]);
    assert.ok(subset.inputs[1]!.values instanceof BigInt64Array);
    assert.deepEqual([...subset.inputs[1]!.values], [1n, 1n, 1n, 1n, 1n, 0n]);
    assert.deepEqual([...takeFirst(tokens, 2).inputs[1]!.values], [1n, 0n, 1n, 1n]);
  });
  it('takes a prefix and views the same examples with another shape', () => {
    assert.deepEqual([...takeFirst(dataset, 2).labels], [0, 1]);
    assert.equal(takeFirst(dataset, 99).count, 3);
    assert.deepEqual(withInputShape(dataset, [1, 2]).inputs[0]!.shape, [1, 2]);
    assert.throws(() => withInputShape(dataset, [3]), /cannot view examples of shape \[2\] as \[3\]/);
    assert.throws(() => withInputShape(tokens, [2]), /only a dataset of one input can be reshaped; this one has 2/);
  });
  it('counts classes and checks its parts, naming the input', () => {
    assert.deepEqual(classCounts(dataset), [1, 2]);
    assert.throws(() => createFloatDataset({ name: 'pixels', values: new Float32Array(5), shape: [2], labels: new Int32Array(3), classCount: 2 }), /input 'pixels' has 5 values, which do not make 3 examples/);
    assert.throws(() => createFloatDataset({ values: new Float32Array(2), shape: [2], labels: Int32Array.from([2]), classCount: 2 }), /label 2 of example 0 is outside \[0, 2\)/);
    assert.throws(() => createDataset({ inputs: [], labels: new Int32Array(0), classCount: 2 }), /has no inputs/);
    const twice = { name: 'x', values: new Float32Array(1), shape: [1] };
    assert.throws(() => createDataset({ inputs: [twice, twice], labels: new Int32Array(1), classCount: 1 }), /two inputs are named 'x'/);
  });
});
