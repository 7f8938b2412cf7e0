/**
 * IPC faults against the engine process, driven as the extension drives it: malformed JSON-RPC,
 * a second run while one goes, a stop before the first step, and the client going away mid-run.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
  DescribeModelRequest, DidFinishRunNotification, InitializeRequest, StartRunRequest, StopRunRequest, type RunFinishedParams,
} from '../../../contracts/engineProtocol.ts';
import type { SummaryFile } from '../../../contracts/runFiles.ts';
import { notificationType, requestType } from '../../../extension/engine/jsonRpcTypes.ts';
import { exitOf, startEngine, tinyConfig, waitFor, type EngineProcess } from '../server/engineProcess.ts';

function readSummary(runFolder: string): SummaryFile {
  return JSON.parse(fs.readFileSync(path.join(runFolder, 'summary.json'), 'utf8')) as SummaryFile;
}

describe('IPC faults', () => {
  let engine: EngineProcess;
  let connection: MessageConnection;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-ipc-faults-'));
  const finished: RunFinishedParams[] = [];

  before(() => {
    engine = startEngine((c) => c.onNotification(notificationType(DidFinishRunNotification), (p) => void finished.push(p)));
    connection = engine.connection;
  });

  after(() => {
    connection.dispose();
    engine.child.kill();
  });

  it('survives garbage messages, logging each on one stderr line', async () => {
    for (const garbage of ['not json-rpc', 42, false, { jsonrpc: '2.0' }, { jsonrpc: '2.0', id: 'x', result: 1 }, [1, 2, 3]]) engine.child.send(garbage);
    await waitFor(() => engine.stderr().includes('not json-rpc'), 10_000);
    assert.ok(engine.stderr().split('\n').some((line) => line.startsWith('distq engine: ignored a message that is not JSON-RPC')), engine.stderr());
    assert.equal((await connection.sendRequest(requestType(InitializeRequest), { clientName: 'test' })).engineVersion.length > 0, true);
  });

  it('answers an unknown method with an error, and stays up', async () => {
    await assert.rejects(connection.sendRequest('run/explode', {}), /Unhandled method run\/explode/);
    assert.ok((await connection.sendRequest(requestType(InitializeRequest), { clientName: 'test' })).protocolVersion > 0);
  });

  it('answers wrong params with an error naming the field, and stays up', async () => {
    await assert.rejects(connection.sendRequest('run/start', { configPath: 42 }), /run\/start: configPath must be a string/);
    await assert.rejects(connection.sendRequest('run/start', 'a.distq.json'), /run\/start: configPath must be a string/);
    await assert.rejects(connection.sendRequest('run/stop', [1]), /run\/stop: runFolder must be a string/);
    await assert.rejects(connection.sendRequest(requestType(DescribeModelRequest), { modelPath: {} as unknown as string }), /model\/describe: modelPath must be a string/);
    assert.ok((await connection.sendRequest(requestType(InitializeRequest), { clientName: 'test' })).protocolVersion > 0);
  });

  it('refuses a second run while one goes, and the first goes on', async () => {
    const config = tinyConfig(folder, 500, 2000);
    const first = connection.sendRequest(requestType(StartRunRequest), { configPath: config });
    const second = connection.sendRequest(requestType(StartRunRequest), { configPath: config });
    await assert.rejects(second, /a run is already going; stop it first/);
    const { runFolder } = await first;
    await waitFor(() => fs.existsSync(path.join(runFolder, 'checkpoint.bin')), 60_000);
    assert.equal(finished.some((f) => f.runFolder === runFolder), false);
    await assert.rejects(connection.sendRequest(requestType(StartRunRequest), { configPath: config }), new RegExp(`a run is already going \\(${runFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    assert.deepEqual(await connection.sendRequest(requestType(StopRunRequest), { runFolder }), { stopping: true });
    await waitFor(() => finished.some((f) => f.runFolder === runFolder), 60_000);
    assert.equal(finished.find((f) => f.runFolder === runFolder)?.status, 'stopped');
  });

  it('stops a run asked to stop while it prepares: stopped, with summary.json, before any step', async () => {
    const started = connection.sendRequest(requestType(StartRunRequest), { configPath: tinyConfig(folder, 2, 256) });
    // The run folder is not known yet: the stop names none, as a client that lost patience would.
    assert.deepEqual(await connection.sendRequest(requestType(StopRunRequest), { runFolder: '' }), { stopping: true });
    const { runFolder } = await started;
    await waitFor(() => finished.some((f) => f.runFolder === runFolder), 60_000);
    assert.equal(finished.find((f) => f.runFolder === runFolder)?.status, 'stopped');
    const summary = readSummary(runFolder);
    assert.equal(summary.status, 'stopped');
    assert.match(summary.status === 'stopped' ? summary.message : '', /stopped at epoch 1, step 1/);
    const metrics = fs.existsSync(path.join(runFolder, 'metrics.jsonl')) ? fs.readFileSync(path.join(runFolder, 'metrics.jsonl'), 'utf8') : '';
    assert.equal(metrics.includes('"step"'), false, 'no training step ran');
  });
});

describe('IPC faults: the client goes away mid-run', () => {
  it('stops the run cleanly (checkpoint kept, stopped summary) and exits', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-ipc-disconnect-'));
    const engine = startEngine();
    const { runFolder } = await engine.connection.sendRequest(requestType(StartRunRequest), { configPath: tinyConfig(folder, 500, 2000) });
    await waitFor(() => fs.existsSync(path.join(runFolder, 'checkpoint.bin')), 60_000);
    const exited = exitOf(engine.child);
    engine.connection.dispose();
    engine.child.disconnect();
    const timeout = setTimeout(() => engine.child.kill('SIGKILL'), 60_000);
    const code = await exited;
    clearTimeout(timeout);
    assert.equal(code, 0, engine.stderr());
    const summary = readSummary(runFolder);
    assert.equal(summary.status, 'stopped');
    assert.ok(summary.status === 'stopped' && summary.checkpointEpoch >= 1);
    assert.ok(fs.existsSync(path.join(runFolder, 'checkpoint.bin')));
    assert.match(engine.stderr(), /the client disconnected/);
  });
});
