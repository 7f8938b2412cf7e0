/**
 * Processes that race for run folders: six creating a folder for the same config in the same second
 * each get their own; two resumes of one folder at once, where the second refuses cleanly (run.lock);
 * a lock left by a killed process does not block a resume.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { TrainingCancelledError } from '../../../engine/training/trainer.ts';
import { recordingReporter, rejection } from '../compression/runFixtures.ts';
import { faultWorkspace, type FaultWorkspace, ROOT, statusOf, tinyRun } from './faultFixtures.ts';

const CREATORS = 6;

describe('run folders under concurrency', () => {
  let setup: FaultWorkspace;
  before(() => void (setup = faultWorkspace()));
  after(() => setup.dispose());

  it(`${CREATORS} processes creating a run folder for one config in the same second get ${CREATORS} folders`, async () => {
    const runs = path.join(setup.workspace, 'same-second');
    // Each waits for the same instant, then creates its folder with the same timestamp.
    const creator = path.join(path.dirname(setup.cli), 'createRunFolder.js');
    esbuild.buildSync({
      stdin: {
        contents: `import { RunFolder } from './engine/run/runFolder.ts';
          const startAt = Number(process.argv[3]);
          while (Date.now() < startAt);
          process.stdout.write(RunFolder.create(process.argv[2]!, 'same', new Date(startAt)).folder);`,
        resolveDir: ROOT, loader: 'ts',
      },
      outfile: creator, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error',
    });
    const startAt = Date.now() + 1500;
    const created = await Promise.all(Array.from({ length: CREATORS }, () => new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [creator, runs, String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`creator exited ${code}`))));
    })));
    assert.equal(new Set(created).size, CREATORS, `distinct folders: ${created.join(', ')}`);
    assert.equal(fs.readdirSync(runs).length, CREATORS);
  });

  it('two resumes of one folder at once: the second refuses with one line naming the first, which finishes', async () => {
    const loaded = tinyRun(setup.workspace, { name: 'twice', runsFolder: 'runs-twice' });
    let checks = 0;
    const stopped = await rejection(runFromConfig(loaded, recordingReporter(), { shouldStop: () => ++checks > 2 }));
    assert.ok(stopped instanceof TrainingCancelledError, stopped.message);
    const runFolder = /--resume (\S+)/.exec(stopped.message)![1]!;

    let second: ReturnType<typeof spawnSync> | undefined;
    const resumed = await runFromConfig(loaded, recordingReporter(), {
      resume: runFolder,
      // While this resume holds the folder, another process tries the same.
      shouldStop: () => {
        second ??= spawnSync(process.execPath, [setup.cli, 'run', loaded.file, '--resume', runFolder], { cwd: ROOT, encoding: 'utf8' });
        return false;
      },
    });
    assert.ok(second, 'the second resume ran');
    assert.equal(second.status, 1, String(second.stderr));
    const errorLines = String(second.stderr).split('\n').filter((line) => line.startsWith('distq: '));
    assert.deepEqual(errorLines, [`distq: run folder ${runFolder} is in use by process ${process.pid} (${path.join(runFolder, 'run.lock')}); wait for it to end or stop it`]);
    assert.equal(resumed.status, 'finished');
    assert.equal(statusOf(runFolder), 'finished');
    assert.equal(fs.existsSync(path.join(runFolder, 'run.lock')), false, 'the lock is removed at the end');
  });

  it('a lock left by a killed process does not block a resume', async () => {
    const loaded = tinyRun(setup.workspace, { name: 'stale', runsFolder: 'runs-stale' });
    let checks = 0;
    const stopped = await rejection(runFromConfig(loaded, recordingReporter(), { shouldStop: () => ++checks > 2 }));
    const runFolder = /--resume (\S+)/.exec(stopped.message)![1]!;
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(runFolder, 'run.lock'), `${gone.stdout}\n`);
    const resumed = await runFromConfig(loaded, recordingReporter(), { resume: runFolder });
    assert.equal(resumed.status, 'finished');
    assert.equal(fs.existsSync(path.join(runFolder, 'run.lock')), false);
  });
});
