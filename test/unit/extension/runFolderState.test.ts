import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareRunsNewestFirst, readRunFolderState, runFolderOfFile, statusFromDisk } from '../../../extension/runHistory/runFolderState.ts';
import { lastEpochRecord, parseSummary, recordedConfigPath } from '../../../extension/runHistory/runFolderReader.ts';
import { startTimeOfRunFolder } from '../../../contracts/runFolderLayout.ts';
import { runHeadline } from '../../../extension/runHistory/runHeadline.ts';

function runFolder(files: Record<string, string>, name = 'tiny-20261128-003455Z'): string {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-runs-')), 'runs', name);
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), text);
  return folder;
}

const epoch = (n: number, accuracy: number): string => JSON.stringify({ type: 'epoch', epoch: n, trainLoss: 0.1, accuracy: { qatFakeQuant: accuracy }, seconds: 1 });
const step = JSON.stringify({ type: 'step', epoch: 0, step: 1, globalStep: 1, loss: 1, losses: {}, learningRate: 0.1, gradientNorm: 1, stepMs: 1 });

describe('run folder state from disk', () => {
  it('takes the status from summary.json; a train summary without status is finished', () => {
    assert.equal(statusFromDisk(parseSummary('{"status":"stopped","accuracy":{}}'), true), 'stopped');
    assert.equal(statusFromDisk(parseSummary('{"status":"failed"}'), false), 'failed');
    assert.equal(statusFromDisk(parseSummary('{"kind":"train","accuracy":{"fp32":0.98}}'), false), 'finished');
    assert.equal(statusFromDisk(parseSummary('{"status":"weird"}'), false), 'failed');
  });

  it('treats a folder without summary as interrupted: resumable with a checkpoint, failed without', () => {
    assert.equal(statusFromDisk(undefined, true), 'stopped');
    assert.equal(statusFromDisk(undefined, false), 'failed');
  });

  it('ignores a summary cut short or foreign', () => {
    assert.equal(parseSummary('{"status":'), undefined);
    assert.equal(parseSummary('[1,2]'), undefined);
    assert.deepEqual(parseSummary('{"accuracy":{"qatInt8":0.9,"teacherFp32":null,"bad":"x"}}')?.accuracy, { qatInt8: 0.9, teacherFp32: null });
  });

  it('finds the last complete epoch record, skipping a line cut short', () => {
    const text = [step, epoch(0, 0.9), step, epoch(1, 0.95), '{"type":"epoch","epo'].join('\n');
    assert.deepEqual(lastEpochRecord(text), { epoch: 1, accuracy: { qatFakeQuant: 0.95 } });
    assert.equal(lastEpochRecord(step), undefined);
  });

  it('reads a finished run', async () => {
    const folder = runFolder({
      'summary.json': JSON.stringify({ kind: 'run', name: 'tiny', status: 'finished', accuracy: { teacherFp32: 0.99, qatInt8: 0.985 }, seconds: 12 }),
      'metrics.jsonl': `${step}\n${epoch(0, 0.98)}\n`,
      'checkpoint.bin': 'x',
    });
    const state = await readRunFolderState(folder);
    assert.equal(state.status, 'finished');
    assert.equal(state.hasCheckpoint, true);
    assert.equal(state.summary?.name, 'tiny');
    assert.deepEqual(state.lastEpoch, { epoch: 0, accuracy: { qatFakeQuant: 0.98 } });
    assert.equal(state.startedAt?.toISOString(), '2026-11-28T00:34:55.000Z');
    // Short enough for the sidebar's default width beside the run's name and status; the tooltip words it in full.
    assert.equal(runHeadline(state.summary, state.lastEpoch), '98.50 % · −0.50 pp');
    assert.equal(runHeadline({ accuracy: { teacherFp32: 0.9855, studentFp32: 0.098, qatInt8: 0.9035 } }, undefined), '90.35 % · −8.20 pp ⚠');
    assert.equal(runHeadline({ accuracy: { studentFp32: 0.99, qatInt8: 0.98 } }, undefined), '98.00 % · −1.00 pp ⚠');
    assert.ok(`finished · ${runHeadline({ accuracy: { teacherFp32: 0.9855, qatInt8: 0.9035 } }, undefined)}`.length <= 35);
  });

  it('reads a stopped run and an interrupted one', async () => {
    const stopped = await readRunFolderState(runFolder({ 'summary.json': JSON.stringify({ status: 'stopped', checkpointEpoch: 1, message: 'stopped; resume with --resume x' }), 'checkpoint.bin': 'x', 'metrics.jsonl': epoch(0, 0.5) }));
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.summary?.checkpointEpoch, 1);
    assert.equal(runHeadline(stopped.summary, stopped.lastEpoch), 'epoch 1 · fake-quant 50.00 %');
    const interrupted = await readRunFolderState(runFolder({ 'metrics.jsonl': step }));
    assert.equal(interrupted.status, 'failed');
    assert.equal(interrupted.hasMetrics, true);
    assert.equal(runHeadline(interrupted.summary, interrupted.lastEpoch), undefined);
  });

  it('reads only the tail of a long metrics.jsonl', async () => {
    const lines = Array.from({ length: 3000 }, () => step);
    lines.push(epoch(7, 0.9));
    const state = await readRunFolderState(runFolder({ 'metrics.jsonl': lines.join('\n') }));
    assert.equal(state.lastEpoch?.epoch, 7);
  });

  it('finds the config a run came from in run.json, else in summary.json', async () => {
    assert.equal(await recordedConfigPath(runFolder({ 'run.json': '{"configPath":"/w/a.distq.json"}', 'summary.json': '{"configPath":"/w/b.distq.json"}' })), '/w/a.distq.json');
    assert.equal(await recordedConfigPath(runFolder({ 'summary.json': '{"configPath":"/w/b.distq.json"}' })), '/w/b.distq.json');
    assert.equal(await recordedConfigPath(runFolder({})), undefined);
  });

  it('knows run files only inside a folder under runs/', () => {
    assert.equal(runFolderOfFile('/w/runs/a-1/run.json'), '/w/runs/a-1');
    assert.equal(runFolderOfFile('/w/examples/runs/a-1/summary.json'), '/w/examples/runs/a-1');
    assert.equal(runFolderOfFile('/w/runs/a-1/checkpoint.bin'), '/w/runs/a-1');
    assert.equal(runFolderOfFile('/w/other/a-1/summary.json'), undefined);
    assert.equal(runFolderOfFile('/w/runs/a-1/layers.json'), undefined);
  });

  it('sorts newest first by the timestamp in the folder name', async () => {
    const older = await readRunFolderState(runFolder({}, 'b-20261128-000000Z'));
    const newer = await readRunFolderState(runFolder({}, 'a-20261128-010000Z'));
    assert.equal(startTimeOfRunFolder('no-timestamp'), undefined);
    assert.equal(startTimeOfRunFolder('mnist-20261128-003455Z-3')?.toISOString(), '2026-11-28T00:34:55.000Z');
    assert.deepEqual([older, newer].sort(compareRunsNewestFirst).map((s) => s.folderName), ['a-20261128-010000Z', 'b-20261128-000000Z']);
  });
});
