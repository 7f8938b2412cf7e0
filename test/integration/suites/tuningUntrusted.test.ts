/** Tuning in an untrusted workspace: the command refuses with a reason and starts nothing. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import { activateDistq, fixture } from './coreSupport.ts';

suite('tuning (untrusted workspace)', function () {
  this.timeout(60_000);
  let api: DistqApi;

  suiteSetup(async () => {
    api = await activateDistq();
  });

  test('distq.tune refuses, saying why, and starts no engine', async () => {
    const config = await fixture('tiny.distq.json');
    assert.equal(await vscode.commands.executeCommand<string | undefined>('distq.tune', config), undefined);
    assert.equal(api.lastMessage()?.severity, 'error');
    assert.match(api.lastMessage()?.text ?? '', /Tuning to an accuracy target needs a trusted workspace/);
    assert.equal(api.engineState(), 'notStarted');
  });
});
