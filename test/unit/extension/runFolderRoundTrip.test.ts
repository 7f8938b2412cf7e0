/** What the engine's run-folder writer writes, the extension's reader reads back, file for file. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunFolder } from '../../../engine/run/runFolder.ts';
import { readRunFolder, recordedConfigPath, runNameOf } from '../../../extension/runHistory/runFolderReader.ts';
import { readRunFolderState, runFolderOfFile } from '../../../extension/runHistory/runFolderState.ts';
import type { EndedRunSummary, LayersFile } from '../../../contracts/runFiles.ts';
import { BASELINE, epochRecords, finishedSummary, layerReport, stepRecords } from '../../../scripts/harness/samplePanelStates.ts';

function newRun(): RunFolder {
  const runs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-roundtrip-')), 'runs');
  return RunFolder.create(runs, 'mnist-kd', new Date(Date.UTC(2026, 10, 28, 0, 34, 55, 123)));
}

describe('run folder: engine writer, extension reader', () => {
  it('names the folder after the config and the start time, and the reader dates it', async () => {
    const run = newRun();
    assert.equal(path.basename(run.folder), 'mnist-kd-20261128-003455Z');
    assert.equal((await readRunFolderState(run.folder)).startedAt?.toISOString(), '2026-11-28T00:34:55.000Z');
  });

  it('reads back every file of a finished run', async () => {
    const run = newRun();
    const layers: LayersFile = { ptq: layerReport(3, 4, 1), final: null };
    const records = [...stepRecords(1, 3, ['labels', 'kd']), ...epochRecords(2)];
    run.writeConfigCopy('{ "name": "mnist-kd" }\n');
    run.writeRunInfo({ kind: 'run', name: 'mnist-kd', configPath: '/w/mnist-kd.distq.json', startedAt: '2026-11-28T00:34:55.123Z' });
    run.writeBaseline(BASELINE);
    run.writeLayers(layers);
    for (const record of records) run.appendMetrics(record);
    run.writeSummary(finishedSummary(2));

    const contents = await readRunFolder(run.folder);
    assert.equal(contents.configText, '{ "name": "mnist-kd" }\n');
    assert.deepEqual(contents.runInfo?.configPath, '/w/mnist-kd.distq.json');
    assert.deepEqual(contents.baseline, BASELINE);
    assert.deepEqual(contents.layers, layers);
    assert.deepEqual(contents.metrics, records);
    assert.deepEqual(contents.summary, finishedSummary(2));
    assert.equal(runNameOf(contents), 'mnist-kd');
    assert.equal(await recordedConfigPath(run.folder), '/w/mnist-kd.distq.json');
    assert.deepEqual(run.readBaseline(), BASELINE);
    assert.deepEqual(run.readLayers(), layers);

    const state = await readRunFolderState(run.folder);
    assert.equal(state.status, 'finished');
    const lastEpoch = records[records.length - 1]!;
    assert.deepEqual(state.lastEpoch, { epoch: 1, accuracy: lastEpoch.type === 'epoch' ? lastEpoch.accuracy : {} });
    assert.equal(runFolderOfFile(path.join(run.folder, 'summary.json')), run.folder);
  });

  it('reads a stopped run as resumable from its checkpoint', async () => {
    const run = newRun();
    fs.writeFileSync(run.checkpointPath, 'x');
    const ended: EndedRunSummary = { kind: 'run', name: 'mnist-kd', status: 'stopped', message: 'stopped', checkpointEpoch: 1, baseline: BASELINE, seconds: 3, runFolder: run.folder };
    run.writeSummary(ended);
    const state = await readRunFolderState(run.folder);
    assert.equal(run.hasCheckpoint(), true);
    assert.equal(state.status, 'stopped');
    assert.equal(state.summary?.checkpointEpoch, 1);
    assert.deepEqual((await readRunFolder(run.folder)).summary, ended);
  });
});
