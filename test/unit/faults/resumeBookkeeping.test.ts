/**
 * What a resume leaves in the run folder: summary.json lists every epoch, not only the resumed ones;
 * metrics.jsonl holds each step once (the redone part of an epoch replaces what the stopped run
 * wrote), as the panels read it through the one reader; a finished run refuses to resume and keeps
 * its summary.json.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import type { MetricsRecord } from '../../../contracts/metricsRecord.ts';
import { readRunFolder } from '../../../extension/runHistory/runFolderReader.ts';
import { makeWorkspace, recordingReporter, rejection, removeWorkspace } from '../compression/runFixtures.ts';
import { tinyRun } from './faultFixtures.ts';

const STEPS_PER_EPOCH = 2;

function withoutTimings(records: MetricsRecord[]): unknown[] {
  return records.map((record) => (record.type === 'step' ? { ...record, stepMs: 0 } : { ...record, seconds: 0 }));
}

describe('resume bookkeeping', () => {
  let workspace: string;
  let whole: RunSummary;
  before(async () => {
    workspace = makeWorkspace();
    whole = await runFromConfig(tinyRun(workspace, { name: 'whole', epochs: 3, runsFolder: 'runs-whole' }), recordingReporter());
  });
  after(() => removeWorkspace(workspace));

  it('a run stopped mid-epoch and resumed lists every epoch and each step once', async () => {
    const loaded = tinyRun(workspace, { name: 'stopped', epochs: 3, runsFolder: 'runs-stopped' });
    let checks = 0;
    // Stops at epoch 2, step 2: epoch 2's first step is in metrics.jsonl, and is trained again.
    const stopped = await rejection(runFromConfig(loaded, recordingReporter(), { shouldStop: () => ++checks > STEPS_PER_EPOCH + 1 }));
    const runFolder = /--resume (\S+)/.exec(stopped.message)![1]!;
    assert.ok((await readRunFolder(runFolder)).metrics.some((r) => r.type === 'step' && r.epoch === 1), 'the stopped run logged part of epoch 2');

    const resumed = await runFromConfig(loaded, recordingReporter(), { resume: runFolder });
    assert.deepEqual(resumed.epochs, whole.epochs, 'the summary lists all three epochs');
    assert.deepEqual((JSON.parse(fs.readFileSync(path.join(runFolder, 'summary.json'), 'utf8')) as RunSummary).epochs, whole.epochs);

    const metrics = (await readRunFolder(runFolder)).metrics;
    const steps = metrics.flatMap((r) => (r.type === 'step' ? [r.globalStep] : []));
    assert.deepEqual(steps, [1, 2, 3, 4, 5, 6], 'each step once, in order');
    assert.deepEqual(withoutTimings(metrics), withoutTimings((await readRunFolder(whole.runFolder)).metrics));
  });

  it('resuming a finished run refuses with one line and leaves summary.json as it was', async () => {
    const summaryFile = path.join(whole.runFolder, 'summary.json');
    const before = fs.readFileSync(summaryFile);
    const error = await rejection(runFromConfig(tinyRun(workspace, { name: 'whole', epochs: 3, runsFolder: 'runs-whole' }), recordingReporter(), { resume: whole.runFolder }));
    assert.equal(error.message, `run folder ${whole.runFolder} already finished (its summary.json says so); there is nothing to resume`);
    assert.deepEqual(fs.readFileSync(summaryFile), before);
  });
});
