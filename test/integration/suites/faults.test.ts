/**
 * Extension-side faults in a trusted workspace: the engine killed (kill -9) in the middle of a run.
 * The user gets the crash report, the run is no longer shown running, and the restart policy
 * brings the engine back on next use.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import { activateDistq, fixture, nextRunEnd, waitFor } from './coreSupport.ts';

suite('faults (trusted workspace)', function () {
  this.timeout(240_000);
  let api: DistqApi;
  const createdRunFolders: string[] = [];

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'this suite runs in the trusted run of the harness');
    api = await activateDistq();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const folder of createdRunFolders) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the engine killed mid-run: crash report, the run shown stopped (resumable), the engine restarted on next use', async () => {
    const config = await fixture('long.distq.json');
    const ended = nextRunEnd(api);
    const runFolder = await vscode.commands.executeCommand<string | undefined>('distq.run', config);
    assert.ok(runFolder, `the run started (last message: ${api.lastMessage()?.text})`);
    createdRunFolders.push(runFolder);
    await waitFor('the first checkpoint', () => fs.existsSync(path.join(runFolder, 'checkpoint.bin')), 120_000);
    const pid = api.enginePid();
    assert.ok(pid, 'the engine runs');

    process.kill(pid, 'SIGKILL');
    const outcome = await ended;
    assert.equal(outcome.status, 'crashed');
    await waitFor('the crash report', () => api.lastMessage()?.severity === 'error');
    assert.match(api.lastMessage()?.text ?? '', /stopped unexpectedly \(signal SIGKILL\)/);
    assert.ok(api.lastMessage()?.actions.includes('Show Log'));
    assert.equal(api.engineState(), 'crashed', 'the restart policy allows a restart on next use');
    assert.equal(api.activeRun(), undefined);

    const node = (await api.runsView.getChildren()).find((n) => n.state.folder === runFolder);
    assert.equal(node?.status, 'stopped', 'a killed run with a checkpoint is shown stopped, not running');
    assert.equal(node.state.summary, undefined, 'the killed engine wrote no summary');
    assert.equal(api.runsView.getTreeItem(node).contextValue, 'run.stopped');

    const model = await fixture('tiny.onnx');
    assert.equal(await vscode.commands.executeCommand<boolean>('distq.inspectModel', model, { data: 'mnist', bits: 'W8A8' }), true, api.lastMessage()?.text);
    assert.equal(api.engineState(), 'ready');
    assert.notEqual(api.enginePid(), pid);
  });
});
