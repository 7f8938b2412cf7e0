import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasetFromArrays, loadArrayDataset } from '../../../engine/data/arrayDataset.ts';
import { fixture } from './fixtures.ts';

const archive = fixture('stored.npz');
const problems = fixture('problems.npz');
// numpy's values for the fixture (make_fixtures.py): images = arange(24).reshape(6, 1, 2, 2) * 10 % 256 as uint8.
const IMAGE_VALUES = Array.from({ length: 24 }, (_, i) => (i * 10) % 256);
const LABELS = [0, 1, 2, 1, 0, 2];

describe('loadArrayDataset', () => {
  it('builds a dataset from two arrays of one .npz, scaling uint8 inputs to float32', () => {
    const dataset = loadArrayDataset({ inputs: { file: archive, key: 'images' }, labels: { file: archive, key: 'labels' }, inputScale: 1 / 255 });
    assert.equal(dataset.count, 6);
    assert.deepEqual(dataset.inputs.map((input) => [input.name, input.shape]), [['images', [1, 2, 2]]]);
    assert.equal(dataset.classCount, 3);
    assert.deepEqual([...dataset.labels], LABELS);
    assert.ok(dataset.inputs[0]!.values instanceof Float32Array);
    assert.deepEqual([...dataset.inputs[0]!.values], IMAGE_VALUES.map((value) => Math.fround(value / 255)));
  });

  it('reads an .npy pair, with unscaled inputs by default and a configured class count', () => {
    const dataset = loadArrayDataset({ inputs: { file: fixture('pair_inputs.npy') }, labels: { file: fixture('pair_labels.npy') }, classCount: 10 });
    assert.deepEqual([...dataset.inputs[0]!.values], IMAGE_VALUES);
    assert.equal(dataset.classCount, 10);
  });

  it('accepts float32 inputs as they are, float64 converted, and (N, 1) int32 labels', () => {
    const dataset = loadArrayDataset({ inputs: { file: archive, key: 'features' }, labels: { file: problems, key: 'column_labels' } });
    assert.deepEqual(dataset.inputs[0]!.shape, [3]);
    assert.equal(dataset.inputs[0]!.values[5], 5 / 4);
    assert.deepEqual([...dataset.labels], LABELS);
    const wide = loadArrayDataset({ inputs: { file: problems, key: 'float64_inputs' }, labels: { file: archive, key: 'labels' } });
    assert.deepEqual([...wide.inputs[0]!.values], [...dataset.inputs[0]!.values]);
  });

  const refusals: [string, () => unknown, RegExp][] = [
    ['a missing key, listing the keys there are', () => loadArrayDataset({ inputs: { file: archive, key: 'pixels' }, labels: { file: archive, key: 'labels' } }),
      /stored\.npz: has no array 'pixels' \(available: 'images', 'labels', 'features', 'scalar'\)/],
    ['an .npz without a key', () => loadArrayDataset({ inputs: { file: archive }, labels: { file: archive, key: 'labels' } }),
      /stored\.npz: is an \.npz archive: name the array to use with a key \(available: 'images'/],
    ['a key on an .npy file', () => loadArrayDataset({ inputs: { file: fixture('pair_inputs.npy'), key: 'x' }, labels: { file: archive, key: 'labels' } }),
      /pair_inputs\.npy: is an \.npy file holding one array; key 'x'/],
    ['fewer labels than inputs', () => loadArrayDataset({ inputs: { file: archive, key: 'images' }, labels: { file: problems, key: 'short_labels' } }),
      /problems\.npz: array 'short_labels': has 4 labels but the inputs \('images' in .*stored\.npz, shape \(6, 1, 2, 2\)\) have 6 examples/],
    ['float labels', () => loadArrayDataset({ inputs: { file: archive, key: 'images' }, labels: { file: problems, key: 'float_labels' } }),
      /problems\.npz: array 'float_labels': labels must be integer class indices, got float32/],
    ['negative labels', () => loadArrayDataset({ inputs: { file: archive, key: 'images' }, labels: { file: problems, key: 'negative_labels' } }),
      /array 'negative_labels': label -1 at index 2 is not a class index/],
    ['one-hot labels', () => loadArrayDataset({ inputs: { file: archive, key: 'images' }, labels: { file: problems, key: 'onehot_labels' } }),
      /array 'onehot_labels': labels of shape \(6, 3\) look one-hot/],
    ['labels beyond the class count', () => loadArrayDataset({ inputs: { file: archive, key: 'images' }, labels: { file: archive, key: 'labels' }, classCount: 2 }),
      /array 'labels': holds label 2, outside the 2 classes configured/],
    ['scalar inputs', () => loadArrayDataset({ inputs: { file: archive, key: 'scalar' }, labels: { file: archive, key: 'labels' } }),
      /array 'scalar': inputs must have an example dimension first/],
  ];
  for (const [what, load, message] of refusals) {
    it(`refuses ${what}`, () => assert.throws(load, message));
  }

  it('refuses non-finite inputs, naming where', () => {
    const inputs = { array: { dtype: 'float32' as const, shape: [2, 1], data: new Float32Array([1, Number.NaN]) }, file: 'x.npz', key: 'x' };
    const labels = { array: { dtype: 'int64' as const, shape: [2], data: new BigInt64Array([0n, 1n]) }, file: 'x.npz', key: 'y' };
    assert.throws(() => datasetFromArrays(inputs, labels), /x\.npz: array 'x': input value NaN at flat index 1 is not finite/);
  });
});
