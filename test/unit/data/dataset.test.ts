import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classCounts, createDataset, subsetDataset, takeFirst, withInputShape } from '../../../engine/data/dataset.ts';

const dataset = createDataset({ inputs: Float32Array.from([0, 0, 1, 1, 2, 2]), inputShape: [2], labels: Int32Array.from([0, 1, 1]), classCount: 2 });

describe('dataset helpers', () => {
  it('takes a subset in the given order', () => {
    const subset = subsetDataset(dataset, [2, 0, 2]);
    assert.deepEqual([...subset.inputs], [2, 2, 0, 0, 2, 2]);
    assert.deepEqual([...subset.labels], [1, 0, 1]);
    assert.equal(subset.count, 3);
    assert.throws(() => subsetDataset(dataset, [3]), /subset index 3 is outside \[0, 3\)/);
  });
  it('takes a prefix and views the same examples with another shape', () => {
    assert.deepEqual([...takeFirst(dataset, 2).labels], [0, 1]);
    assert.equal(takeFirst(dataset, 99).count, 3);
    assert.deepEqual(withInputShape(dataset, [1, 2]).inputShape, [1, 2]);
    assert.throws(() => withInputShape(dataset, [3]), /cannot view examples of shape \[2\] as \[3\]/);
  });
  it('counts classes and checks its parts', () => {
    assert.deepEqual(classCounts(dataset), [1, 2]);
    assert.throws(() => createDataset({ inputs: new Float32Array(5), inputShape: [2], labels: new Int32Array(3), classCount: 2 }), /5 input values do not make 3 examples/);
    assert.throws(() => createDataset({ inputs: new Float32Array(2), inputShape: [2], labels: Int32Array.from([2]), classCount: 2 }), /label 2 of example 0 is outside \[0, 2\)/);
  });
});
