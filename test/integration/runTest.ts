/**
 * The integration tier: the suites in test/integration/suites/ run with mocha inside a real VS Code
 * extension host, through @vscode/test-electron's runTests(), once in a trusted workspace and once,
 * for the *untrusted* suites, in an untrusted one. Prints "integration: N passed, N failed" and exits
 * non-zero when anything failed. docs/testing.md explains the code-server launcher it uses offline.
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleIntegrationTests } from './bundleIntegrationTests.ts';
import type { IntegrationResults } from './index.ts';
import { selectSuiteFiles, type TrustMode } from './suiteSelection.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const fixtureWorkspace = path.join(repositoryRoot, 'test/fixtures/workspace');
const launcher = path.join(repositoryRoot, 'scripts/codeServerLauncher.cjs');

/**
 * `desktop` downloads VS Code desktop (needs internet); `code-server` (the default) runs the same tests
 * in code-server from .tools/. Untrusted runs always use code-server: test-electron always passes
 * --disable-workspace-trust to VS Code desktop.
 */
function vscodeExecutableFor(mode: TrustMode): string | undefined {
  const choice = process.env.DISTQ_TEST_VSCODE ?? 'code-server';
  if (choice !== 'code-server' && choice !== 'desktop') throw new Error(`DISTQ_TEST_VSCODE must be "code-server" or "desktop", not "${choice}"`);
  return choice === 'desktop' && mode === 'trusted' ? undefined : launcher;
}

async function runMode(mode: TrustMode, extensionTestsPath: string): Promise<IntegrationResults> {
  const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), `distq-integration-${mode}-`));
  // A copy per run: suites may write configs and run folders into the workspace.
  const workspace = path.join(runFolder, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  const resultsFile = path.join(runFolder, 'results.json');
  const started = Date.now();
  let launchError: unknown;
  try {
    await runTests({
      extensionDevelopmentPath: repositoryRoot,
      extensionTestsPath,
      vscodeExecutablePath: vscodeExecutableFor(mode),
      launchArgs: [workspace, `--user-data-dir=${path.join(runFolder, 'user-data')}`, `--extensions-dir=${path.join(runFolder, 'extensions')}`],
      extensionTestsEnv: { DISTQ_TEST_TRUST: mode, DISTQ_TEST_RESULTS: resultsFile, ...(process.env.DISTQ_TEST_FILTER ? { DISTQ_TEST_FILTER: process.env.DISTQ_TEST_FILTER } : {}) },
    });
  } catch (error) {
    launchError = error;
  }
  const results = readResults(mode, resultsFile, launchError);
  console.log(`integration (${mode}): ${results.passes} passed, ${results.failures} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  fs.rmSync(runFolder, { recursive: true, force: true, maxRetries: 3 });
  return results;
}

/** A run that ended without writing its counts (VS Code failed to start, the entry threw) counts as one failure. */
function readResults(mode: TrustMode, file: string, launchError: unknown): IntegrationResults {
  if (fs.existsSync(file)) {
    const results = JSON.parse(fs.readFileSync(file, 'utf8')) as IntegrationResults;
    // A non-zero exit with all tests passed (an error after mocha finished) still fails the run.
    if (launchError !== undefined && results.failures === 0) return { ...results, failures: 1, failedTests: [`${mode} run: ${String(launchError)}`] };
    return results;
  }
  const reason = launchError === undefined ? 'the tests wrote no results' : String(launchError);
  return { mode, suiteFiles: [], passes: 0, failures: 1, pending: 0, failedTests: [`${mode} run: ${reason}`] };
}

async function main(): Promise<number> {
  const bundle = await bundleIntegrationTests();
  const all: IntegrationResults[] = [];
  try {
    for (const mode of ['trusted', 'untrusted'] as const) {
      // With a filter, a run none of whose suites match is left out; without one, a run with no suite fails.
      if (process.env.DISTQ_TEST_FILTER && selectSuiteFiles(bundle.suiteFiles, mode, process.env.DISTQ_TEST_FILTER).length === 0) continue;
      all.push(await runMode(mode, bundle.extensionTestsPath));
    }
  } finally {
    bundle.remove();
  }
  const passes = all.reduce((sum, r) => sum + r.passes, 0);
  const failures = all.reduce((sum, r) => sum + r.failures, 0);
  const pending = all.reduce((sum, r) => sum + r.pending, 0);
  for (const title of all.flatMap((r) => r.failedTests)) console.log(`  failed: ${title}`);
  const countsFile = process.env.DISTQ_TIER_COUNTS;
  // Under scripts/test.mjs the tier runner prints the closing line from these counts.
  if (countsFile) fs.writeFileSync(countsFile, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
  else console.log(`integration: ${passes} passed, ${failures} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
  return failures > 0 || passes === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
