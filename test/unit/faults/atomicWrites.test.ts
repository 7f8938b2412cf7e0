/**
 * Every file the run folder writes, under a disk that fails: ENOSPC or EIO mid-write, EIO on fsync,
 * a short write after which the disk takes no more. Each time the write raises one line naming the
 * cause, the file and output.runsFolder, the previous file is intact and no temporary file is left.
 * Faults come from the DISTQ_FAULT hook (engine/run/faultInjection.ts).
 */
import { afterEach, before, after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunFolder, type RunModel } from '../../../engine/run/runFolder.ts';
import { FileWriteError } from '../../../engine/run/atomicFile.ts';
import { FAULT_VARIABLE, parseFaults } from '../../../engine/run/faultInjection.ts';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import type { MetricsRecord } from '../../../contracts/metricsRecord.ts';
import { makeWorkspace, removeWorkspace } from '../compression/runFixtures.ts';

const MODEL = buildSequentialModel({ name: 'w', inputShape: [4], layers: [{ kind: 'linear', outFeatures: 3 }], seed: 1 });
const OTHER_MODEL = buildSequentialModel({ name: 'w', inputShape: [4], layers: [{ kind: 'linear', outFeatures: 3 }], seed: 2 });
const baseline = (accuracy: number): { teacherFp32: null; studentFp32: number; ptqInt8: number } => ({ teacherFp32: null, studentFp32: accuracy, ptqInt8: accuracy });

/** Each file, with a write of a first and of a second version. */
const WRITERS: { file: string; write(run: RunFolder, version: 1 | 2): void }[] = [
  { file: 'config.distq.json', write: (run, v) => run.writeConfigCopy(`{ "name": "v${v}" }\n`) },
  { file: 'run.json', write: (run, v) => run.writeRunInfo({ kind: 'run', name: `v${v}` }) },
  { file: 'baseline.json', write: (run, v) => run.writeBaseline(baseline(v / 10)) },
  { file: 'layers.json', write: (run, v) => run.writeLayers(v === 1 ? { ptq: null, final: null } : { final: null, ptq: null }) },
  { file: 'summary.json', write: (run, v) => run.writeSummary({ kind: 'run', name: `v${v}`, status: 'stopped', message: `version ${v}`, checkpointEpoch: v, seconds: v, runFolder: run.folder }) },
  { file: 'checkpoint.bin', write: (run, v) => run.writeCheckpoint({ epoch: v, parameters: { w: new Float32Array(256).fill(v) } }) },
  ...(['ptqInt8', 'studentFp32', 'studentInt8', 'trainedFp32'] as RunModel[]).map((model) => ({
    file: { ptqInt8: 'ptq-int8.onnx', studentFp32: 'student-fp32.onnx', studentInt8: 'student-int8.onnx', trainedFp32: 'model-fp32.onnx' }[model],
    write: (run: RunFolder, v: 1 | 2) => run.writeModel(model, v === 1 ? MODEL : OTHER_MODEL),
  })),
];

const FAULTS: { kind: string; cause: RegExp }[] = [
  { kind: 'enospc', cause: /^no space left on device writing / },
  { kind: 'eio', cause: /^input\/output error writing / },
  { kind: 'eio:fsync', cause: /^input\/output error writing / },
  { kind: 'short', cause: /^the disk took only \d+ of \d+ bytes writing / },
];

function withFault<T>(value: string, action: () => T): T {
  process.env[FAULT_VARIABLE] = value;
  try {
    return action();
  } finally {
    delete process.env[FAULT_VARIABLE];
  }
}

describe('atomic writes of the run folder under a failing disk', () => {
  let runs: string;
  before(() => void (runs = makeWorkspace()));
  after(() => removeWorkspace(runs));
  afterEach(() => void delete process.env[FAULT_VARIABLE]);

  for (const writer of WRITERS) {
    it(`${writer.file}: every fault raises one line, keeps the previous file, leaves no temporary file`, () => {
      const run = RunFolder.create(runs, path.basename(writer.file, path.extname(writer.file)));
      const file = path.join(run.folder, writer.file);
      writer.write(run, 1);
      const previous = fs.readFileSync(file);
      for (const fault of FAULTS) {
        let caught: unknown;
        withFault(`${fault.kind}:${writer.file}`, () => {
          try {
            writer.write(run, 2);
          } catch (e) {
            caught = e;
          }
        });
        assert.ok(caught instanceof FileWriteError, `${fault.kind}: a FileWriteError`);
        assert.match(caught.message, fault.cause, fault.kind);
        assert.ok(caught.message.includes(`${writer.file} in ${run.folder}`), `${fault.kind}: names the file and its folder: ${caught.message}`);
        assert.ok(caught.message.includes(`output.runsFolder (${runs})`), `${fault.kind}: names output.runsFolder: ${caught.message}`);
        assert.doesNotMatch(caught.message, /\n/);
        assert.deepEqual(fs.readFileSync(file), previous, `${fault.kind}: ${writer.file} is as before`);
        assert.deepEqual(fs.readdirSync(run.folder), [writer.file], `${fault.kind}: no temporary file is left`);
      }
      writer.write(run, 2);
      assert.notDeepEqual(fs.readFileSync(file), previous, 'without a fault the new version replaces it');
    });
  }

  it('metrics.jsonl: a failed append leaves the earlier lines whole and adds no partial line', () => {
    const run = RunFolder.create(runs, 'metrics');
    const record = (step: number): MetricsRecord => ({ type: 'step', epoch: 0, step, globalStep: step, loss: 1 / step, losses: { labels: 1 / step }, learningRate: 0.1, gradientNorm: 1, stepMs: 2 });
    run.appendMetrics(record(1));
    run.appendMetrics(record(2));
    const file = path.join(run.folder, 'metrics.jsonl');
    const previous = fs.readFileSync(file, 'utf8');
    for (const fault of FAULTS.filter((f) => f.kind !== 'eio:fsync')) {
      let caught: unknown;
      withFault(`${fault.kind}:metrics.jsonl`, () => {
        try {
          run.appendMetrics(record(3));
        } catch (e) {
          caught = e;
        }
      });
      assert.ok(caught instanceof FileWriteError, `${fault.kind}: a FileWriteError`);
      assert.match(caught.message, fault.cause);
      assert.ok(caught.message.includes(`metrics.jsonl in ${run.folder}`) && caught.message.includes('output.runsFolder'), caught.message);
      assert.equal(fs.readFileSync(file, 'utf8'), previous, `${fault.kind}: the earlier lines are as before`);
    }
    run.appendMetrics(record(3));
    assert.equal(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 3);
  });

  it('the Nth write of a file is the one that fails with @N', () => {
    const run = RunFolder.create(runs, 'nth');
    withFault('enospc:summary.json@2', () => {
      run.writeSummary({ kind: 'run', name: 'first', status: 'stopped', message: '', checkpointEpoch: 0, seconds: 0, runFolder: run.folder });
      assert.throws(() => run.writeSummary({ kind: 'run', name: 'second', status: 'stopped', message: '', checkpointEpoch: 0, seconds: 0, runFolder: run.folder }), /no space left on device/);
      run.writeSummary({ kind: 'run', name: 'third', status: 'stopped', message: '', checkpointEpoch: 0, seconds: 0, runFolder: run.folder });
    });
    assert.equal(run.readSummary()?.name, 'third');
  });

  it('the hook injects nothing unless the whole value parses', () => {
    assert.deepEqual(parseFaults('kill:before-rename:checkpoint.bin,enospc:student-fp32.onnx@2'), [
      { kind: 'kill', point: 'before-rename', file: 'checkpoint.bin', occurrence: 1 },
      { kind: 'enospc', point: 'write', file: 'student-fp32.onnx', occurrence: 2 },
    ]);
    for (const value of ['1', 'true', 'kill:checkpoint.bin', 'enospc:before-rename:summary.json', 'kill:before-rename:checkpoint.bin,oops', 'eio:../x', 'enospc:summary.json@0', ' ']) {
      assert.equal(parseFaults(value), undefined, value);
    }
    const run = RunFolder.create(runs, 'ignored');
    withFault('enospc:summary.json,typo', () => run.writeSummary({ kind: 'run', name: 'kept', status: 'stopped', message: '', checkpointEpoch: 0, seconds: 0, runFolder: run.folder }));
    assert.equal(run.readSummary()?.name, 'kept');
  });
});
