/** The compare panel's settings diff: which config values differ between runs, as dotted paths. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { compactValue, differingSettings, flattenConfig } from '../../../extension/panels/compare/settingsDiff.ts';

const BASE = `{
  // a comment, as the wizard writes them
  "name": "mnist",
  "model": { "path": "small-cnn.onnx" },
  "quantization": { "exclude": ["conv1"], "calibrationBatches": 4 },
  "training": { "epochs": 3, "optimizer": { "kind": "sgd", "learningRate": 0.01 }, },
}`;

describe('settings diff', () => {
  it('flattens nested objects into dotted paths and keeps arrays whole', () => {
    const flat = flattenConfig({ a: { b: { c: 1 } }, list: [1, 2], empty: {} });
    assert.deepEqual([...flat.entries()], [['a.b.c', 1], ['list', [1, 2]], ['empty', {}]]);
  });

  it('shows only the paths whose values differ, one value per run', () => {
    const other = BASE.replace('["conv1"]', '["conv1", "fc2"]').replace('0.01', '0.05');
    const diff = differingSettings([BASE, other, BASE]);
    assert.deepEqual(diff.paths, ['quantization.exclude', 'training.optimizer.learningRate']);
    assert.deepEqual(diff.values, [['["conv1"]', '0.01'], ['["conv1","fc2"]', '0.05'], ['["conv1"]', '0.01']]);
  });

  it('finds nothing between identical configs, however they are laid out', () => {
    const reformatted = JSON.stringify({ name: 'mnist', model: { path: 'small-cnn.onnx' }, quantization: { calibrationBatches: 4, exclude: ['conv1'] }, training: { optimizer: { learningRate: 0.01, kind: 'sgd' }, epochs: 3 } });
    assert.deepEqual(differingSettings([BASE, reformatted]), { paths: [], values: [[], []] });
  });

  it('marks a setting one run lacks, and lets a run without a config differ in nothing', () => {
    const withoutExclude = BASE.replace('"exclude": ["conv1"], ', '');
    const diff = differingSettings([BASE, withoutExclude, undefined]);
    assert.deepEqual(diff.paths, ['quantization.exclude']);
    assert.deepEqual(diff.values, [['["conv1"]'], ['—'], ['—']]);
  });

  it('writes strings bare and other values as compact JSON', () => {
    assert.equal(compactValue('sgd'), 'sgd');
    assert.equal(compactValue({ kind: 'none' }), '{"kind":"none"}');
    assert.equal(compactValue(undefined), '—');
  });
});
