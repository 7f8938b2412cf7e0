/**
 * A real full disk (a 1 MiB tmpfs as output.runsFolder) and a read-only runs folder and run folder.
 * They need root to mount (CI runs as root); as another user the read-only cases use chmod 0555.
 * Where the machine allows neither, the test prints why and checks that the precondition check says
 * so; DISTQ_FAULT_TESTS_REQUIRE_ROOT=1 makes that a failure.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { readCheckpoint } from '../../../engine/run/checkpoint.ts';
import { makeWorkspace, recordingReporter, rejection, removeWorkspace } from '../compression/runFixtures.ts';
import { assertFolderParses, onlyRunFolder, statusOf, tinyRun } from './faultFixtures.ts';

const REQUIRE_ROOT = process.env.DISTQ_FAULT_TESTS_REQUIRE_ROOT === '1';

/** Mounts a tmpfs of `size` at `folder`; says why not when the machine does not allow it. */
function mountTmpfs(folder: string, size: string): { mounted: true } | { mounted: false; why: string } {
  if (process.getuid?.() !== 0) return { mounted: false, why: `mounting a tmpfs needs root; this is uid ${process.getuid?.()}` };
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder], { encoding: 'utf8' });
  if (result.status !== 0) return { mounted: false, why: `mount -t tmpfs failed: ${(result.stderr || result.error?.message || '').trim()}` };
  return { mounted: true };
}

function unmount(folder: string): void {
  spawnSync('umount', [folder]);
}

function cannotRun(why: string): void {
  console.log(`# fault tests: cannot run this case here: ${why}`);
  assert.match(why, /needs root|failed: \S/, 'the precondition check says why');
  if (REQUIRE_ROOT) assert.fail(`DISTQ_FAULT_TESTS_REQUIRE_ROOT=1 but ${why}`);
}

describe('a full disk and read-only folders, for real', () => {
  let workspace: string;
  before(() => void (workspace = makeWorkspace()));
  after(() => removeWorkspace(workspace));

  it('a 1 MiB tmpfs fills at the second checkpoint: the run fails naming the disk, the first checkpoint stays', async () => {
    const disk = path.join(workspace, 'small-disk');
    fs.mkdirSync(disk);
    const mount = mountTmpfs(disk, '1m');
    if (!mount.mounted) return cannotRun(mount.why);
    try {
      // 51k weights with Adam's two moments: a checkpoint of about 610 kB, so the second cannot sit beside the first.
      const loaded = tinyRun(workspace, { name: 'full', hidden: 64, runsFolder: disk });
      const error = await rejection(runFromConfig(loaded, recordingReporter()));
      const runFolder = onlyRunFolder(disk);
      assert.equal(error.message, `no space left on device writing checkpoint.bin in ${runFolder}: free space in output.runsFolder (${disk})`);
      assertFolderParses(runFolder);
      assert.equal(statusOf(runFolder), 'failed');
      assert.equal((readCheckpoint(path.join(runFolder, 'checkpoint.bin')) as { epoch: number }).epoch, 1, 'the epoch-1 checkpoint is intact');
    } finally {
      unmount(disk);
    }
  });

  it('a read-only runs folder and a read-only run folder are reported as read-only, not as missing files', async () => {
    const folder = path.join(workspace, 'read-only');
    fs.mkdirSync(folder);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const mount = mountTmpfs(folder, '4m');
      if (!mount.mounted) return cannotRun(mount.why);
    }
    const makeReadOnly = (target: string): void => {
      if (!asRoot) return fs.chmodSync(target, 0o555);
      const result = spawnSync('mount', ['-o', 'remount,ro', folder], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
    };
    try {
      const runs = path.join(folder, 'runs');
      const loaded = tinyRun(workspace, { name: 'ro', runsFolder: runs });
      let checks = 0;
      const stopped = await rejection(runFromConfig(loaded, recordingReporter(), { shouldStop: () => ++checks > 2 }));
      const runFolder = /--resume (\S+)/.exec(stopped.message)![1]!;
      makeReadOnly(asRoot ? folder : runFolder);
      if (!asRoot) fs.chmodSync(runs, 0o555);
      const why = asRoot ? 'read-only file system' : 'permission denied';

      const resumed = await rejection(runFromConfig(loaded, recordingReporter(), { resume: runFolder }));
      assert.equal(resumed.message, `cannot write in ${runFolder}: read-only (${why}, writing run.lock): make output.runsFolder writable, or point it elsewhere (${runs})`);
      const fresh = await rejection(runFromConfig(loaded, recordingReporter()));
      // Started in the same second as the stopped run, the new folder takes the next suffix (`…Z-2`).
      assert.match(fresh.message, new RegExp(`^cannot write in ${runs.replace(/[/.-]/g, '\\$&')}: read-only \\(${why}, writing ro-\\d{8}-\\d{6}Z(?:-\\d+)?\\): make output\\.runsFolder writable`));
      assert.equal(statusOf(runFolder), 'stopped', 'the stopped run is as it was');
    } finally {
      if (asRoot) unmount(folder);
      else fs.chmodSync(path.join(folder, 'runs'), 0o755);
    }
  });
});
