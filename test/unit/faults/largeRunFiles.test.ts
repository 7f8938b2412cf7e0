/**
 * Hostile or huge run files on the extension host: the reader streams a 50 MB metrics.jsonl in
 * slices (the event loop keeps running), keeps a bounded number of records, and treats an
 * oversized JSON file as absent instead of holding it.
 */
import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_METRICS_STEP_RECORDS, MetricsThinner, readRunFolder, readRunFolderHeadline } from '../../../extension/runHistory/runFolderReader.ts';
import type { MetricsRecord } from '../../../contracts/metricsRecord.ts';
import { epochLine, stepLine, writeLargeMetrics } from '../../../scripts/harness/largeMetrics.ts';

describe('large and hostile run files', () => {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-large-run-')), 'runs', 'big-20261128-003455Z');
  let written: { steps: number; epochs: number };

  before(() => {
    fs.mkdirSync(folder, { recursive: true });
    written = writeLargeMetrics(path.join(folder, 'metrics.jsonl'), 50 * 1024 * 1024);
    // A summary.json far beyond any the engine writes: read as absent, not held.
    fs.writeFileSync(path.join(folder, 'summary.json'), `{"status":"finished","message":"${'x'.repeat(6 * 1024 * 1024)}"}`);
  });

  it('streams a 50 MB metrics.jsonl without blocking the event loop, keeping a bounded, evenly thinned set', async () => {
    let ticks = 0;
    let last = performance.now();
    let longestSliceMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestSliceMs = Math.max(longestSliceMs, now - last);
      last = now;
      ticks += 1;
    }, 5);
    const started = performance.now();
    const contents = await readRunFolder(folder);
    const elapsedMs = performance.now() - started;
    clearInterval(timer);
    console.log(`# read ${written.steps} step records in ${elapsedMs.toFixed(0)} ms; timer fired ${ticks} times, longest slice ${longestSliceMs.toFixed(0)} ms`);

    const steps = contents.metrics.filter((r) => r.type === 'step');
    const epochs = contents.metrics.filter((r) => r.type === 'epoch');
    assert.ok(steps.length <= MAX_METRICS_STEP_RECORDS, `${steps.length} step records kept`);
    assert.ok(steps.length >= MAX_METRICS_STEP_RECORDS / 2, `${steps.length} step records kept`);
    assert.equal(epochs.length, written.epochs, 'every epoch record is kept');
    assert.deepEqual(contents.metricsThinned, { stepRecords: written.steps, keptEvery: contents.metricsThinned?.keptEvery });
    const every = contents.metricsThinned!.keptEvery;
    assert.ok(steps.every((r, i) => r.type === 'step' && r.globalStep === i * every), 'the kept steps are evenly spaced from the first');
    // The read yields to the event loop: a synchronous read of the whole file would let the timer fire once, at the end.
    assert.ok(ticks >= 5, `the interval timer fired ${ticks} times during the read`);
    assert.ok(longestSliceMs < 2000, `longest synchronous slice ${longestSliceMs.toFixed(0)} ms`);
    assert.equal(contents.summary, undefined, 'an oversized summary.json reads as absent');
  });

  it('lists the run from the tail of metrics.jsonl alone', async () => {
    const headline = await readRunFolderHeadline(folder);
    assert.equal(headline.lastEpoch?.epoch, written.epochs - 1);
    assert.equal(headline.summary, undefined);
    assert.equal(headline.hasMetrics, true);
  });

  it('skips a line too long to be a record without losing the records around it', async () => {
    const other = path.join(path.dirname(folder), 'long-line-20261128-003455Z');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'metrics.jsonl'), `${stepLine(0)}\n{"type":"step","junk":"${'y'.repeat(3 * 1024 * 1024)}"}\n${epochLine(0)}\n${stepLine(1)}`);
    const contents = await readRunFolder(other);
    assert.deepEqual(contents.metrics.map((r) => r.type), ['step', 'epoch', 'step']);
    assert.equal(contents.metricsThinned, undefined);
  });

  it('thins to every k-th step, k doubling, epochs always kept', () => {
    const thinner = new MetricsThinner(4);
    for (let globalStep = 0; globalStep < 20; globalStep += 1) {
      thinner.add(JSON.parse(stepLine(globalStep)) as MetricsRecord);
      if (globalStep % 10 === 9) thinner.add(JSON.parse(epochLine(globalStep)) as MetricsRecord);
    }
    assert.deepEqual(thinner.records.map((r) => (r.type === 'step' ? r.globalStep : `epoch ${r.epoch}`)), [0, 8, 'epoch 9', 16, 'epoch 19']);
    assert.deepEqual(thinner.thinning, { stepRecords: 20, keptEvery: 8 });
  });
});
