/**
 * Ctrl-C and SIGTERM to `distq run`: one signal stops the run between steps as a cancel does (the
 * last checkpoint stays, summary.json says `stopped`, exit 128 + the signal); a second one ends the
 * process at once, before the run could stop on its own.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCheckpoint } from '../../../engine/run/checkpoint.ts';
import { assertFolderParses, faultWorkspace, type FaultWorkspace, onlyRunFolder, runCli, statusOf, tinyRun } from './faultFixtures.ts';

describe('distq run and signals', () => {
  let setup: FaultWorkspace;
  before(() => void (setup = faultWorkspace()));
  after(() => setup.dispose());

  it('SIGTERM after epoch 1 stops at the next step: checkpoint of epoch 1, summary.json stopped, exit 143', async () => {
    // 64 steps per epoch: epoch 2 is still going when the signal arrives.
    const loaded = tinyRun(setup.workspace, { name: 'term', trainCount: 2048, runsFolder: 'runs-term' });
    let sent = false;
    const result = await runCli(setup.cli, ['run', loaded.file, '--json'], undefined, (stdout, child) => {
      if (!sent && stdout.includes('"message":"epoch 1/2')) {
        sent = true;
        child.kill('SIGTERM');
      }
    });
    assert.ok(sent, 'epoch 1 ended');
    assert.equal(result.status, 143, result.stderr);
    const runFolder = onlyRunFolder(path.join(setup.workspace, 'runs-term'));
    assertFolderParses(runFolder);
    assert.equal(statusOf(runFolder), 'stopped');
    assert.equal((readCheckpoint(path.join(runFolder, 'checkpoint.bin')) as { epoch: number }).epoch, 1);
    assert.match(result.stderr, /^distq: stopped at epoch 2, step \d+; resume with --resume /m);
  });

  it('a second Ctrl-C quits at once: exit 130 before the run reaches a step to stop at', async () => {
    const loaded = tinyRun(setup.workspace, { name: 'twice', runsFolder: 'runs-twice' });
    let sent = false;
    // Sent while the run is preparing: one Ctrl-C alone would let it calibrate, then stop with a summary.
    const result = await runCli(setup.cli, ['run', loaded.file, '--json'], undefined, (stdout, child) => {
      if (!sent && stdout.includes('"message":"run folder ')) {
        sent = true;
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGINT'), 20);
      }
    });
    assert.ok(sent);
    assert.equal(result.status, 130, result.stderr);
    const runFolder = onlyRunFolder(path.join(setup.workspace, 'runs-twice'));
    assert.equal(statusOf(runFolder), undefined, 'it quit without writing a summary');
    assert.equal(fs.existsSync(path.join(runFolder, 'checkpoint.bin')), false);
  });
});
