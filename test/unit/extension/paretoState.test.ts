/** The Pareto panel's numbers: points per chart, the target line, the chosen trial, and each trial's settings against the user's config. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTuningFile } from '../../../extension/runHistory/analysisFiles.ts';
import { configDifference, configPrecision } from '../../../extension/tuning/configDifference.ts';
import { latencyChart, sizeChart } from '../../../extension/panels/pareto/paretoCharts.ts';
import { paretoState } from '../../../extension/panels/pareto/paretoState.ts';
import type { TuningFile } from '../../../contracts/tuningReport.ts';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'tuning');
const CONFIG_TEXT = fs.readFileSync(path.join(FIXTURES, 'config.distq.json'), 'utf8');

function fixtureTuning(): TuningFile {
  const tuning = parseTuningFile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tuning.json'), 'utf8')));
  assert.ok(tuning, 'the fixture reads as a tuning file');
  return tuning;
}

describe('Pareto charts', () => {
  it('places one point per trial in ascending size, split into met and missed, with the chosen one ringed', () => {
    const chart = sizeChart(fixtureTuning().trials, 0.9805, 3);
    assert.equal(chart.xLabel, 'INT8 model size (KiB)');
    assert.deepEqual(chart.x, [60, 61, 69, 70]);
    assert.deepEqual(chart.trials, [0, 1, 3, 2]);
    assert.deepEqual(chart.meets, [null, null, 98.1, 98.17]);
    assert.deepEqual(chart.misses, [97.06, 97.76, null, null]);
    assert.deepEqual(chart.chosen, [null, null, 98.1, null]);
    assert.deepEqual(chart.target, [98.05, 98.05, 98.05, 98.05]);
    assert.equal(chart.note, undefined);
  });

  it('leaves trials without a latency out of the latency chart and says so', () => {
    const chart = latencyChart(fixtureTuning().trials, 0.9805, 3);
    assert.deepEqual(chart.trials, [0, 1, 3]);
    assert.deepEqual(chart.x, [0.41, 0.43, 0.44]);
    assert.equal(chart.note, '1 of 4 trials had no latency measured and is not shown here.');
  });

  it('keeps trials that share a size in trial order, and switches to MiB for larger models', () => {
    const [first] = fixtureTuning().trials;
    const trials = [{ ...first!, index: 1, sizeBytes: 3 * 1024 * 1024 }, { ...first!, index: 0, sizeBytes: 3 * 1024 * 1024 }];
    const chart = sizeChart(trials, 0.9, null);
    assert.equal(chart.xLabel, 'INT8 model size (MiB)');
    assert.deepEqual(chart.x, [3, 3]);
    assert.deepEqual(chart.trials, [0, 1]);
    assert.deepEqual(chart.chosen, [null, null]);
  });
});

describe('a trial against the user\'s config', () => {
  it('reads the global widths and the user\'s own entries, defaults where the config says nothing', () => {
    assert.deepEqual(configPrecision(CONFIG_TEXT), { weightBits: 4, activationBits: 4, layers: { fc2: 'float' } });
    assert.deepEqual(configPrecision('{ "name": "x" }'), { weightBits: 8, activationBits: 8, layers: {} });
  });

  it('lists only the layers whose precision differs, with what the user had', () => {
    const config = configPrecision(CONFIG_TEXT);
    const [start, , promoted] = fixtureTuning().trials;
    assert.deepEqual(configDifference(start!.layers, config), []);
    assert.deepEqual(configDifference(promoted!.layers, config), ['conv1: W4A4 → W8A8', 'conv2: W4A4 → W8A8']);
    assert.deepEqual(configDifference({ conv1: { weights: { bits: 8 } } }, config), ['conv1: W4A4 → W8A4', 'fc2: float (your entry) → W4A4']);
  });
});

describe('Pareto panel state', () => {
  it('sums up the tuning and lists every trial with its difference', () => {
    const state = paretoState('/runs/mnist-w4a4-20261205-070000Z', fixtureTuning(), CONFIG_TEXT, false);
    assert.equal(state.title, 'Tuning · mnist-w4a4-20261205-070000Z');
    assert.equal(state.targetLabel, 'target ≥ 98.05 %');
    assert.equal(state.status.phase, 'finished');
    assert.equal(state.status.message, 'Met the target ≥ 98.05 % in 4 trials.');
    assert.equal(state.chosen, 3);
    assert.deepEqual(state.trials.map((t) => t.title), ['Trial 1 · the run as trained', 'Trial 2 · promoted conv1', 'Trial 3 · promoted conv2', 'Trial 4 · gave back conv1']);
    assert.deepEqual(state.trials[3]!.cells, ['4', 'gave back conv1', '98.10 %', '98.14 %', '69.0 KiB', '440 µs', '✓ meets · chosen']);
    assert.deepEqual(state.trials[3]!.difference, ['conv2: W4A4 → W8A8']);
    assert.deepEqual(state.summary.map((item) => `${item.label}: ${item.value}`), ['Target INT8: ≥ 98.05 %', 'Teacher FP32: 98.55 %', 'Chosen: Trial 4: 98.10 %', 'Tuned config: mnist-w4a4.tuned.distq.json']);
  });

  it('says how to get a tuning when the folder has none, and that one is coming while it runs', () => {
    assert.equal(paretoState('/runs/r', undefined, undefined, false).status.phase, 'empty');
    assert.equal(paretoState('/runs/r', undefined, undefined, true).status.phase, 'loading');
    const unfinished = { ...fixtureTuning(), finished: false };
    assert.equal(paretoState('/runs/r', unfinished, CONFIG_TEXT, true).status.phase, 'running');
    assert.match(paretoState('/runs/r', unfinished, CONFIG_TEXT, false).status.message, /Stopped after 4 trials/);
  });

  it('reads a tuning.json cut short or foreign as absent, and drops malformed trials', () => {
    assert.equal(parseTuningFile({ kind: 'summary' }), undefined);
    assert.equal(parseTuningFile(undefined), undefined);
    const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tuning.json'), 'utf8')) as { trials: unknown[] };
    raw.trials.push({ index: 4, action: 'promote' });
    assert.equal(parseTuningFile(raw)?.trials.length, 4);
  });
});
