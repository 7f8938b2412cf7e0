/**
 * The hostile-input corpus (hostileCorpus.ts) through the `distq` CLI: every case ends with exit
 * code 1 and exactly one stderr line naming the file, node or setting, leaves no run folder, and
 * stays within a time and memory bound; the non-files (/dev/zero, a FIFO, a folder) also through
 * the real entry point, one process each, so a hang or a runaway read would show there too.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeHostileCorpus, type HostileCase } from './hostileCorpus.ts';
import type { CliCaseResult, CliRunnerReport } from './cliCaseRunner.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RUNNER = path.join(import.meta.dirname, 'cliCaseRunner.ts');
const CLI = path.join(ROOT, 'engine/cli/main.ts');
/** Node, ONNX Runtime and a tiny training run fit well below this; /dev/zero read whole grew to ~5 GB. */
const MAX_RSS_BYTES = 1024 ** 3;
const MAX_CASE_MS = 10_000;

function makeFifo(file: string): void {
  const made = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  assert.equal(made.status, 0, `mkfifo is needed for the FIFO cases: ${made.error?.message ?? made.stderr}`);
}

/** Exit 1 and one line naming what it must, or (where allowed) a clean success. */
function assertOutcome(hostile: HostileCase, result: CliCaseResult): void {
  const label = `${hostile.name}: exit ${result.code}, stderr ${JSON.stringify(result.stderr)}`;
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  if (result.code === 0 && hostile.expect !== 'fail') return;
  assert.notEqual(hostile.expect, 'succeed', label);
  assert.equal(result.code, 1, label);
  assert.equal(lines.length, 1, label);
  assert.match(lines[0]!, /^distq: /, label);
  for (const mention of hostile.mentions) assert.ok(lines[0]!.includes(mention), `${label} should name ${mention}`);
  if (hostile.mentionsAny) assert.ok(hostile.mentionsAny.some((mention) => lines[0]!.includes(mention)), `${label} should name one of ${hostile.mentionsAny.join(', ')}`);
}

describe('hostile inputs: one line, exit 1, nothing written, bounded time and memory', () => {
  let folder: string;
  let cases: HostileCase[];
  let report: CliRunnerReport;
  let runnerStderr: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-hostile-'));
    ({ cases } = makeHostileCorpus(folder));
    makeFifo(path.join(folder, 'model.fifo'));
    const casesFile = path.join(folder, 'cases.json');
    const resultsFile = path.join(folder, 'results.json');
    fs.writeFileSync(casesFile, JSON.stringify(cases));
    const runner = spawnSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', RUNNER, casesFile, resultsFile], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(runner.status, 0, `the case runner failed (${runner.signal ?? runner.error?.message ?? ''}): ${runner.stderr}`);
    runnerStderr = runner.stderr;
    report = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as CliRunnerReport;
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('every case ends in one line and exit 1 (or, where a mutation leaves a valid input, runs fine)', () => {
    assert.equal(report.results.length, cases.length);
    cases.forEach((hostile, i) => assertOutcome(hostile, report.results[i]!));
  });

  it('a model that decodes after a bit flip is described as JSON, and some flips are refused', () => {
    const flips = cases.flatMap((hostile, i) => (hostile.name.includes('flipped') ? [report.results[i]!] : []));
    for (const result of flips.filter((r) => r.code === 0)) assert.doesNotThrow(() => JSON.parse(result.stdout), result.name);
    assert.ok(flips.some((r) => r.code === 1), 'the seeded flips include damage to the structure');
  });

  it('a refused input leaves no run folder', () => {
    cases.forEach((hostile, i) => {
      if (hostile.runsFolder && report.results[i]!.code !== 0) assert.equal(fs.existsSync(hostile.runsFolder), false, hostile.name);
    });
  });

  it('nothing reaches stderr behind the CLI: no ONNX Runtime log lines', () => {
    assert.equal(runnerStderr, '');
  });

  it('each case is quick and the whole corpus stays within the memory bound', () => {
    for (const result of report.results) assert.ok(result.milliseconds < MAX_CASE_MS, `${result.name} took ${result.milliseconds} ms`);
    assert.ok(report.maxRssBytes < MAX_RSS_BYTES, `peak RSS ${report.maxRssBytes} bytes`);
  });

  it('through the real entry point, /dev/zero, a FIFO and a folder are refused at once, in one line', async () => {
    const fifo = path.join(folder, 'model.fifo');
    const runs = [['describe', '/dev/zero'], ['describe', fifo], ['describe', folder]].map((argv) => runCli(argv));
    const results = await Promise.all(runs);
    for (const result of results) {
      // /usr/bin/time adds its own lines: the peak RSS and the exit status.
      const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('maxrss ') && !line.startsWith('Command exited'));
      assert.equal(result.code, 1, result.stderr);
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0]!.includes(result.argv[1]!), result.stderr);
      if (result.maxRssKb !== undefined) assert.ok(result.maxRssKb * 1024 < MAX_RSS_BYTES, `${result.argv.join(' ')}: peak RSS ${result.maxRssKb} KB`);
    }
  });
});

interface CliRun {
  argv: string[];
  code: number | null;
  stderr: string;
  maxRssKb: number | undefined;
}

/** One `distq` process, killed after 60 s; its peak RSS through /usr/bin/time where the machine has it. */
function runCli(argv: string[]): Promise<CliRun> {
  const time = fs.existsSync('/usr/bin/time');
  const command = time ? '/usr/bin/time' : process.execPath;
  const args = [...(time ? ['-f', 'maxrss %M', process.execPath] : []), '--import', 'tsx', CLI, ...argv];
  if (!time) process.stdout.write('# /usr/bin/time is missing: the CLI processes\' memory is bounded only by the in-process runner\'s check\n');
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, timeout: 60_000, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('close', (code) => {
      const rss = /maxrss (\d+)/.exec(stderr)?.[1];
      resolve({ argv, code, stderr, maxRssKb: rss === undefined ? undefined : Number(rss) });
    });
  });
}
