/**
 * A tiny `distq run` (2 epochs of 2 steps) killed (SIGKILL, through the DISTQ_FAULT hook) or out of
 * disk space at the write points of its run folder. After each, every file parses and the status is
 * right; then `--resume` either ends bit-identical to an uninterrupted run (checkpoint, models and
 * metrics) or refuses with one clear line.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { FAULT_VARIABLE } from '../../../engine/run/faultInjection.ts';
import type { LoadedConfig } from '../../../engine/config/loadConfig.ts';
import type { MetricsRecord } from '../../../contracts/metricsRecord.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import { readRunFolder } from '../../../extension/runHistory/runFolderReader.ts';
import { recordingReporter, rejection } from '../compression/runFixtures.ts';
import { assertFolderParses, faultWorkspace, type FaultWorkspace, inBatches, onlyRunFolder, runCli, statusOf, tinyRun } from './faultFixtures.ts';

type Outcome = 'resumes' | 'no checkpoint' | 'finished';

/** What must equal between a resumed run and an uninterrupted one: the bytes of these files, and the metrics without timings. */
const SAME_BYTES = ['checkpoint.bin', 'student-fp32.onnx', 'student-int8.onnx', 'ptq-int8.onnx', 'layers.json', 'baseline.json'];

async function metricsWithoutTimings(runFolder: string): Promise<unknown[]> {
  return (await readRunFolder(runFolder)).metrics.map((record: MetricsRecord) => (record.type === 'step' ? { ...record, stepMs: 0 } : { ...record, seconds: 0 }));
}

function summaryOf(runFolder: string): RunSummary {
  return JSON.parse(fs.readFileSync(path.join(runFolder, 'summary.json'), 'utf8')) as RunSummary;
}

describe('kills and full disks at each write point of distq run, then --resume', () => {
  let setup: FaultWorkspace;
  let reference: string;
  const configs = new Map<string, LoadedConfig>();
  const configFor = (name: string): LoadedConfig => {
    const loaded = tinyRun(setup.workspace, { name, runsFolder: `runs-${name}` });
    configs.set(name, loaded);
    return loaded;
  };

  before(async () => {
    setup = faultWorkspace();
    const whole = await runFromConfig(configFor('reference'), recordingReporter());
    reference = whole.runFolder;
  });
  after(() => setup.dispose());
  afterEach(() => void delete process.env[FAULT_VARIABLE]);

  /** Resumes in this process; checks the outcome `expected` for a run folder left by a fault. */
  async function resumeAndCheck(loaded: LoadedConfig, runFolder: string, expected: Outcome, what: string): Promise<void> {
    if (expected === 'resumes') {
      const resumed = await runFromConfig(loaded, recordingReporter(), { resume: runFolder });
      assert.equal(resumed.status, 'finished', what);
      for (const name of SAME_BYTES) assert.ok(fs.readFileSync(path.join(runFolder, name)).equals(fs.readFileSync(path.join(reference, name))), `${what}: ${name} is bit-identical to the uninterrupted run's`);
      assert.deepEqual(await metricsWithoutTimings(runFolder), await metricsWithoutTimings(reference), `${what}: metrics.jsonl holds the same records, each step once`);
      assert.deepEqual(summaryOf(runFolder).epochs, summaryOf(reference).epochs, `${what}: summary.json lists every epoch`);
      assertFolderParses(runFolder);
      assert.equal(fs.existsSync(path.join(runFolder, 'run.lock')), false, `${what}: the lock is released`);
      return;
    }
    const summaryBefore = fs.existsSync(path.join(runFolder, 'summary.json')) ? fs.readFileSync(path.join(runFolder, 'summary.json')) : undefined;
    const refusal = await rejection(runFromConfig(loaded, recordingReporter(), { resume: runFolder }));
    assert.match(refusal.message, expected === 'finished' ? /already finished .*nothing to resume/ : /has no checkpoint\.bin .*start the run again without --resume/, what);
    assert.doesNotMatch(refusal.message, /\n/);
    const summaryAfter = fs.existsSync(path.join(runFolder, 'summary.json')) ? fs.readFileSync(path.join(runFolder, 'summary.json')) : undefined;
    assert.deepEqual(summaryAfter, summaryBefore, `${what}: the refusal leaves summary.json as it was`);
  }

  it('a kill at each write point leaves parseable files; resume is bit-identical or refuses', async () => {
    // metrics.jsonl's writes: epoch 1's two steps and its epoch record, then epoch 2's first step (the 4th).
    const cases: { fault: string; outcome: Outcome }[] = [
      { fault: 'kill:after-rename:layers.json', outcome: 'no checkpoint' },
      { fault: 'kill:mid-write:metrics.jsonl', outcome: 'no checkpoint' },
      { fault: 'kill:before-rename:checkpoint.bin', outcome: 'no checkpoint' },
      { fault: 'kill:after-rename:checkpoint.bin', outcome: 'resumes' },
      { fault: 'kill:mid-write:metrics.jsonl@4', outcome: 'resumes' },
      { fault: 'kill:before-rename:checkpoint.bin@2', outcome: 'resumes' },
      { fault: 'kill:mid-write:student-fp32.onnx', outcome: 'resumes' },
      { fault: 'kill:before-rename:student-int8.onnx', outcome: 'resumes' },
      { fault: 'kill:before-write:summary.json', outcome: 'resumes' },
      { fault: 'kill:after-rename:summary.json', outcome: 'finished' },
    ];
    const killed = await inBatches(cases.map((c, i) => async () => {
      const loaded = configFor(`kill-${i}`);
      return { ...c, loaded, result: await runCli(setup.cli, ['run', loaded.file], c.fault) };
    }));
    for (const { fault, outcome, loaded, result } of killed) {
      assert.equal(result.signal, 'SIGKILL', `${fault}: the process was killed (${result.stderr.trim().split('\n').pop()})`);
      const runFolder = onlyRunFolder(path.join(loaded.folder, loaded.config.output.runsFolder));
      assertFolderParses(runFolder, true);
      assert.equal(statusOf(runFolder), outcome === 'finished' ? 'finished' : undefined, `${fault}: a killed run has written no summary.json`);
      await resumeAndCheck(loaded, runFolder, outcome, fault);
    }
  });

  it('a full disk or an I/O error at each write point ends the run failed, naming the file and output.runsFolder', async () => {
    const cases: { fault: string; file: string; outcome: Outcome; summary: 'failed' | 'none' }[] = [
      { fault: 'eio:layers.json', file: 'layers.json', outcome: 'no checkpoint', summary: 'failed' },
      { fault: 'enospc:metrics.jsonl@4', file: 'metrics.jsonl', outcome: 'resumes', summary: 'failed' },
      { fault: 'enospc:checkpoint.bin@2', file: 'checkpoint.bin', outcome: 'resumes', summary: 'failed' },
      { fault: 'short:student-fp32.onnx', file: 'student-fp32.onnx', outcome: 'resumes', summary: 'failed' },
      { fault: 'enospc:student-int8.onnx', file: 'student-int8.onnx', outcome: 'resumes', summary: 'failed' },
      { fault: 'enospc:summary.json@1,enospc:summary.json@2', file: 'summary.json', outcome: 'resumes', summary: 'none' },
    ];
    for (const { fault, file, outcome, summary } of cases) {
      const loaded = configFor(`full-${file.replace(/\W/g, '-')}`);
      process.env[FAULT_VARIABLE] = fault;
      const error = await rejection(runFromConfig(loaded, recordingReporter()));
      delete process.env[FAULT_VARIABLE];
      const runsFolder = path.join(loaded.folder, loaded.config.output.runsFolder);
      const runFolder = onlyRunFolder(runsFolder);
      assert.doesNotMatch(error.message, /\n/, fault);
      assert.match(error.message, new RegExp(`^(no space left on device|input/output error|the disk took only \\d+ of \\d+ bytes) writing ${file.replace('.', '\\.')} in `), fault);
      assert.ok(error.message.includes(`output.runsFolder (${runsFolder})`), `${fault}: ${error.message}`);
      if (summary === 'none') assert.match(error.message, /\(and summary\.json could not be written: no space left on device/, fault);
      assertFolderParses(runFolder);
      assert.equal(statusOf(runFolder), summary === 'failed' ? 'failed' : undefined, fault);
      await resumeAndCheck(loaded, runFolder, outcome, fault);
    }
  });
});
