/** The engine process over IPC, as the extension drives it: initialize, describe, run with notifications, stop. */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
  DescribeModelRequest, DidFinishRunNotification, EvaluateModelRequest, DidReportMetricsNotification, DidReportProgressNotification, InitializeRequest,
  PROTOCOL_VERSION, StartRunRequest, StopRunRequest, type RunFinishedParams, type RunMetricsParams,
  StartTuningRequest, DidMeasureTuningTrialNotification, DidFinishTuningNotification, type TuningFinishedParams, type TuningTrialParams,
} from '../../../contracts/engineProtocol.ts';
import { notificationType, requestType } from '../../../extension/engine/jsonRpcTypes.ts';
import { startEngine, tinyConfig, waitFor, type EngineProcess } from './engineProcess.ts';

describe('engine process over IPC', () => {
  let engine: EngineProcess;
  let connection: MessageConnection;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-server-'));
  const finished: RunFinishedParams[] = [];
  const metrics: RunMetricsParams[] = [];
  let progressCount = 0;
  const tuningTrials: TuningTrialParams[] = [];
  const tuningEnds: TuningFinishedParams[] = [];

  before(async () => {
    engine = startEngine((c) => {
      c.onNotification(notificationType(DidFinishRunNotification), (p) => void finished.push(p));
      c.onNotification(notificationType(DidReportMetricsNotification), (p) => void metrics.push(p));
      c.onNotification(notificationType(DidReportProgressNotification), () => void (progressCount += 1));
      c.onNotification(notificationType(DidMeasureTuningTrialNotification), (p) => void tuningTrials.push(p));
      c.onNotification(notificationType(DidFinishTuningNotification), (p) => void tuningEnds.push(p));
    });
    connection = engine.connection;
  });

  after(() => {
    connection.dispose();
    engine.child.kill();
  });

  it('answers initialize with its protocol version', async () => {
    const result = await connection.sendRequest(requestType(InitializeRequest), { clientName: 'test' });
    assert.equal(result.protocolVersion, PROTOCOL_VERSION);
  });

  it('describes a model', async () => {
    tinyConfig(folder, 1, 64);
    const description = await connection.sendRequest(requestType(DescribeModelRequest), { modelPath: path.join(folder, 'tiny.onnx') });
    const hidden = description.tensors.find((t) => t.name === 'linear1_out');
    assert.deepEqual(hidden?.shape, ['N', 16]);
    assert.equal(hidden?.producer, 'Gemm');
  });

  it('rejects a bad request with the cause', async () => {
    await assert.rejects(connection.sendRequest(requestType(DescribeModelRequest), { modelPath: path.join(folder, 'missing.onnx') }), /missing\.onnx does not exist/);
  });

  it('evaluates a model on a bounded part of the test data: an untrained one scores near chance', async () => {
    tinyConfig(folder, 1, 64);
    const started = Date.now();
    const result = await connection.sendRequest(requestType(EvaluateModelRequest), { modelPath: path.join(folder, 'tiny.onnx'), data: { kind: 'mnist' }, maxExamples: 500 });
    assert.equal(result.examples, 500);
    assert.equal(result.classCount, 10);
    assert.ok(result.majorityShare > 0.1 && result.majorityShare < 0.3, `the most common digit's share ${result.majorityShare}`);
    assert.ok(result.accuracy < 0.3, `an untrained MLP scores near chance, not ${result.accuracy}`);
    assert.ok(Date.now() - started < 10_000, 'an answer in seconds');
  });

  it('rejects an evaluation whose data cannot be read, naming the file or setting', async () => {
    await assert.rejects(connection.sendRequest(requestType(EvaluateModelRequest), { modelPath: path.join(folder, 'tiny.onnx'), data: { kind: 'npz', path: path.join(folder, 'missing.npz') }, maxExamples: 100 }), /missing\.npz/);
    await assert.rejects(connection.sendRequest(requestType(EvaluateModelRequest), { modelPath: path.join(folder, 'tiny.onnx'), data: { kind: 'mnist', trainCount: -1 }, maxExamples: 100 }), /data\.trainCount/);
    // Another client may send anything: a data section that is not an object is named as such.
    await assert.rejects(connection.sendRequest(EvaluateModelRequest.method, { modelPath: path.join(folder, 'tiny.onnx'), data: 'mnist', maxExamples: 100 }), /model\/evaluate: data must be/);
  });

  it('runs a config: answers with the run folder, batches metrics, reports the end', async () => {
    const { runFolder } = await connection.sendRequest(requestType(StartRunRequest), { configPath: tinyConfig(folder, 1, 256) });
    assert.ok(fs.existsSync(runFolder));
    await waitFor(() => finished.some((f) => f.runFolder === runFolder), 60_000);
    const end = finished.find((f) => f.runFolder === runFolder)!;
    assert.equal(end.status, 'finished');
    assert.ok(end.summary && end.summary.accuracy.qatInt8 >= 0);
    // 256 examples, batch 32, logged every step: 8 step records and 1 epoch record, none lost.
    const records = metrics.filter((m) => m.runFolder === runFolder).flatMap((m) => m.records);
    assert.equal(records.filter((r) => r.type === 'step').length, 8);
    assert.equal(records.filter((r) => r.type === 'epoch').length, 1);
    assert.ok(progressCount > 0);
  });

  it('tunes the config\'s finished run: run/stop stops it, and tune/start again continues it to the end with a notification per trial', async () => {
    const configPath = tinyConfig(folder, 1, 256);
    const { runFolder } = await connection.sendRequest(requestType(StartTuningRequest), { configPath });
    assert.deepEqual(await connection.sendRequest(requestType(StopRunRequest), { runFolder }), { stopping: true });
    await waitFor(() => tuningEnds.length === 1, 60_000);
    assert.deepEqual([tuningEnds[0]!.runFolder, tuningEnds[0]!.status, tuningEnds[0]!.tunedConfigPath], [runFolder, 'stopped', null]);

    const again = await connection.sendRequest(requestType(StartTuningRequest), { configPath, runFolder });
    assert.equal(again.runFolder, runFolder);
    await waitFor(() => tuningEnds.length === 2, 120_000);
    const end = tuningEnds[1]!;
    assert.equal(end.status, 'finished');
    const tuning = JSON.parse(fs.readFileSync(path.join(runFolder, 'tuning.json'), 'utf8')) as { trials: unknown[]; summary: unknown; finished: boolean; minimumAccuracy: number };
    assert.equal(tuning.finished, true);
    assert.deepEqual(end.summary, tuning.summary);
    assert.deepEqual(tuningTrials.map((t) => t.trial.index), tuning.trials.map((_, i) => i), 'one tune/trial per trial, in order');
    assert.ok(tuningTrials.every((t) => t.runFolder === runFolder && t.maxTrials === 12 && t.minimumAccuracy === tuning.minimumAccuracy), 'every tune/trial carries the folder, the trial limit and the target');
  });

  it('stops a run on request, keeping a resumable checkpoint', async () => {
    // Long enough that the stop always arrives while it trains (each epoch takes a fraction of a second).
    const { runFolder } = await connection.sendRequest(requestType(StartRunRequest), { configPath: tinyConfig(folder, 500, 2000) });
    await waitFor(() => fs.existsSync(path.join(runFolder, 'checkpoint.bin')), 60_000);
    assert.deepEqual(await connection.sendRequest(requestType(StopRunRequest), { runFolder }), { stopping: true });
    await waitFor(() => finished.some((f) => f.runFolder === runFolder), 60_000);
    const end = finished.find((f) => f.runFolder === runFolder)!;
    assert.equal(end.status, 'stopped');
    assert.match(end.message ?? '', /--resume/);
    const summary = JSON.parse(fs.readFileSync(path.join(runFolder, 'summary.json'), 'utf8')) as { status: string; checkpointEpoch: number };
    assert.equal(summary.status, 'stopped');
    assert.ok(summary.checkpointEpoch >= 1);
  });
});
