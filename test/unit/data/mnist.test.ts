import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classCounts, type Dataset } from '../../../engine/data/dataset.ts';
import { isMnistTestIndex, loadMnist } from '../../../engine/data/mnist.ts';

const pixels = (dataset: Dataset) => dataset.inputs[0]!.values as Float32Array;

describe('loadMnist', () => {
  const split = loadMnist();
  const { train, test } = split;

  it('splits the 10,000 digits 8,000 / 2,000 with shape [1, 28, 28]', () => {
    assert.equal(train.count, 8000);
    assert.equal(test.count, 2000);
    assert.deepEqual(train.inputs.map((input) => [input.name, input.shape]), [['image', [1, 28, 28]]]);
    assert.equal(pixels(train).length, 8000 * 784);
    assert.equal(pixels(test).length, 2000 * 784);
    assert.equal(train.classCount, 10);
  });

  it('has every class in both sets, a fifth of each class in test (within one)', () => {
    const trainCounts = classCounts(train);
    const testCounts = classCounts(test);
    for (let digit = 0; digit < 10; digit++) {
      const total = trainCounts[digit]! + testCounts[digit]!;
      assert.ok(testCounts[digit]! > 0 && trainCounts[digit]! > 0, `digit ${digit}`);
      assert.ok(Math.abs(testCounts[digit]! - total / 5) < 1, `digit ${digit}: ${testCounts[digit]} of ${total} in test`);
    }
    // The package's per-digit sample counts, as the source indices are built from them.
    assert.deepEqual(trainCounts.map((count, digit) => count + testCounts[digit]!), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('follows the documented rule: source index s is in test when s % 5 === 4', () => {
    assert.ok(split.testSourceIndices.every(isMnistTestIndex));
    assert.ok(!split.trainSourceIndices.some(isMnistTestIndex));
    assert.deepEqual([...split.testSourceIndices.subarray(0, 3)], [4, 1004, 2129]);
  });

  it('orders each set round-robin over the digits, so prefixes are balanced', () => {
    assert.deepEqual([...train.labels.subarray(0, 20)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const small = loadMnist({ trainLimit: 1000, testLimit: 100 });
    assert.equal(small.train.count, 1000);
    assert.deepEqual(classCounts(small.test), new Array(10).fill(10));
    assert.deepEqual([...pixels(small.train).subarray(0, 784 * 3)], [...pixels(train).subarray(0, 784 * 3)]);
  });

  it('scales pixels to [0, 1] as float32 multiples of 1/255', () => {
    for (const inputs of [pixels(train), pixels(test)]) {
      let max = -Infinity;
      let min = Infinity;
      for (const value of inputs) {
        if (value > max) max = value;
        if (value < min) min = value;
      }
      assert.equal(min, 0);
      assert.equal(max, 1);
    }
    for (let i = 0; i < 784 * 50; i++) {
      const value = pixels(test)[i]!;
      assert.equal(value, Math.fround(Math.round(value * 255) / 255));
    }
  });

  it('loads the same data every time', () => {
    const again = loadMnist();
    assert.deepEqual(again.train.labels, train.labels);
    assert.deepEqual(pixels(again.test), pixels(test));
    assert.deepEqual(again.trainSourceIndices, split.trainSourceIndices);
  });

  it('shares no image between train and test (by source index and by content)', () => {
    const testIndices = new Set(split.testSourceIndices);
    assert.equal(testIndices.size, 2000);
    assert.equal(new Set(split.trainSourceIndices).size, 8000);
    assert.ok(split.trainSourceIndices.every((index) => !testIndices.has(index)));
    const key = (inputs: Float32Array, i: number) => Buffer.from(inputs.buffer, inputs.byteOffset + i * 784 * 4, 784 * 4).toString('base64');
    const testImages = new Set(Array.from({ length: test.count }, (_, i) => key(pixels(test), i)));
    for (let i = 0; i < train.count; i++) assert.ok(!testImages.has(key(pixels(train), i)), `train example ${i} also in test`);
  });
});
