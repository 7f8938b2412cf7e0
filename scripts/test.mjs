// Runs the test tiers (docs/testing.md): `unit` (Node's test runner), `webview` (the panels' pages in
// Chromium), `integration` (mocha in a real VS Code extension host) and `e2e` (Chromium driving the
// real workbench). DISTQ_TEST_TIERS picks some (comma list; default all); an optional argument
// filters test files by a substring.
// Each tier ends with its own "TIER: N passed, N failed" line; the exit code is non-zero when any
// tier failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const knownTiers = ['unit', 'webview', 'integration', 'e2e'];
const tiers = (process.env.DISTQ_TEST_TIERS ?? knownTiers.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
const filter = process.argv[2];
const unknown = tiers.filter((tier) => !knownTiers.includes(tier));
if (unknown.length > 0) {
  console.error(`unknown test tier(s) ${unknown.join(', ')}: DISTQ_TEST_TIERS takes ${knownTiers.join(', ')}`);
  process.exit(1);
}

function findTests(folder) {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The counts at the end of a TAP report: cancelled tests (timeouts) count as failed. */
function tapCounts(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  // The summary is the last `# pass N` line: a subtest's own TAP output can print earlier ones.
  const count = (name) => Number([...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? NaN);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  return Number.isNaN(passed) || Number.isNaN(failed) ? undefined : { passed, failed, skipped: count('skipped') + count('todo') };
}

/** Node's test runner over `files`, printing as usual and also writing TAP to a file for the counts. */
function runNodeTests(files, concurrency) {
  const tapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-tap-')), 'report.tap');
  const result = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter', process.stdout.isTTY ? 'spec' : 'tap', '--test-reporter-destination', 'stdout',
    '--test-reporter', 'tap', '--test-reporter-destination', tapFile,
    ...files,
  ], { stdio: 'inherit', cwd: root });
  const counts = tapCounts(tapFile);
  fs.rmSync(path.dirname(tapFile), { recursive: true, force: true });
  if (!counts) return { passed: 0, failed: 1, skipped: 0 };
  // A runner that exits non-zero with nothing failed (it crashed, or found no test) still fails the tier.
  return result.status !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

function checkTestTools() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./scripts/harness/testTools.ts').assertTestToolsInstalled()"], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? undefined : (result.stderr.split('\n').find((line) => line.startsWith('Error: test tools missing')) ?? result.stderr.trim());
}

// On a fresh machine `npm test` installs the browser and VS Code tools itself, once
// (scripts/installTestTools.sh, about two minutes); DISTQ_INSTALL_TEST_TOOLS=0 turns that off.
let toolsInstallTried = false;
function testToolsProblem() {
  const problem = checkTestTools();
  if (!problem || toolsInstallTried || process.env.DISTQ_INSTALL_TEST_TOOLS === '0') return problem;
  toolsInstallTried = true;
  console.log('installing the test tools (Chromium, code-server, Node 24, playwright-core) for the first time: scripts/installTestTools.sh');
  spawnSync('bash', [path.join(root, 'scripts', 'installTestTools.sh')], { stdio: 'inherit', cwd: root });
  return checkTestTools();
}

const runTier = {
  unit() {
    const files = findTests(path.join(root, 'test', 'unit')).filter((f) => !filter || f.includes(filter)).sort();
    if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, note: 'no unit tests found' };
    return runNodeTests(files, 2);
  },
  webview() {
    const problem = testToolsProblem();
    if (problem) return { passed: 0, failed: 1, skipped: 0, note: problem };
    const files = findTests(path.join(root, 'test', 'webview')).filter((f) => !filter || f.includes(filter)).sort();
    if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, note: 'no webview tests found' };
    return runNodeTests(files, 1);
  },
  integration() {
    const problem = testToolsProblem();
    if (problem) return { passed: 0, failed: 1, skipped: 0, note: problem };
    const countsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-integration-counts-')), 'counts.json');
    spawnSync(process.execPath, ['--import', 'tsx', 'test/integration/runTest.ts'], {
      stdio: 'inherit', cwd: root,
      env: { ...process.env, DISTQ_TIER_COUNTS: countsFile, ...(filter ? { DISTQ_TEST_FILTER: filter } : {}) },
    });
    const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 1, skipped: 0, note: 'the integration runner wrote no counts' };
    fs.rmSync(path.dirname(countsFile), { recursive: true, force: true });
    return counts;
  },
  e2e() {
    const problem = testToolsProblem();
    if (problem) return { passed: 0, failed: 1, skipped: 0, note: problem };
    const files = findTests(path.join(root, 'test', 'e2e')).filter((f) => !filter || f.includes(filter)).sort();
    if (files.length === 0) return { passed: 0, failed: 1, skipped: 0, note: 'no e2e tests found' };
    // One workbench at a time: each takes about 2 GiB and the machine is shared.
    return runNodeTests(files, 1);
  },
};

const summaries = [];
let failed = false;
for (const tier of tiers) {
  const started = Date.now();
  console.log(`\n=== ${tier} tests ===`);
  const counts = runTier[tier]();
  if (counts.note) console.error(`${tier}: ${counts.note}`);
  console.log(`${tier}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`);
  const tierFailed = counts.failed > 0 || counts.passed === 0;
  failed ||= tierFailed;
  summaries.push(`${tier} ${tierFailed ? 'FAILED' : 'ok'} in ${Math.round((Date.now() - started) / 1000)} s`);
}
console.log(`\ntest tiers: ${summaries.join('; ')}`);
process.exit(failed ? 1 : 0);
