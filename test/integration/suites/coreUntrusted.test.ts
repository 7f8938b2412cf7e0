/**
 * The extension's core in an untrusted workspace (the harness's DISTQ_TEST_TRUST=untrusted):
 * commands that need the engine refuse with a reason and start nothing.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import { activateDistq, fixture } from './coreSupport.ts';

suite('core (untrusted workspace)', function () {
  this.timeout(60_000);
  let api: DistqApi;

  suiteSetup(async function () {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in the untrusted run of the harness');
    api = await activateDistq();
  });

  test('the workspace is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('distq.run refuses, saying why, and starts nothing', async () => {
    const before = (await api.runsView.getChildren()).length;
    const config = await fixture('tiny.distq.json');
    const runFolder = await vscode.commands.executeCommand<string | undefined>('distq.run', config);
    assert.equal(runFolder, undefined);
    const message = api.lastMessage();
    assert.equal(message?.severity, 'error');
    assert.match(message?.text ?? '', /needs a trusted workspace/);
    assert.equal(api.activeRun(), undefined);
    assert.equal(api.engineState(), 'notStarted');
    assert.equal(api.enginePid(), undefined);
    assert.equal((await api.runsView.getChildren()).length, before, 'no run folder appeared');
  });

  test('inspection refuses too', async () => {
    const model = await fixture('tiny.onnx');
    assert.equal(await vscode.commands.executeCommand<boolean>('distq.inspectModel', model, { data: 'mnist', bits: 'W8A8' }), false);
    assert.match(api.lastMessage()?.text ?? '', /needs a trusted workspace/);
    assert.equal(api.engineState(), 'notStarted');
  });
});
