/**
 * The extension tests entry (test-electron's extensionTestsPath), run inside the extension host: mocha
 * with the tdd UI over the compiled suites of this run's trust mode. It writes its counts to
 * DISTQ_TEST_RESULTS so the tier runner can print them, and fails when it found no suite to run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { selectSuiteFiles, trustModeFromEnvironment, type TrustMode } from './suiteSelection.ts';

export interface IntegrationResults {
  readonly mode: TrustMode;
  readonly suiteFiles: readonly string[];
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  readonly failedTests: readonly string[];
}

export async function run(): Promise<void> {
  const mode = trustModeFromEnvironment(process.env.DISTQ_TEST_TRUST);
  // The suites are bundled next to this file by bundleIntegrationTests.ts.
  const suitesFolder = path.join(__dirname, 'suites');
  const suiteFiles = selectSuiteFiles(fs.existsSync(suitesFolder) ? fs.readdirSync(suitesFolder) : [], mode, process.env.DISTQ_TEST_FILTER);
  if (suiteFiles.length === 0) {
    writeResults({ mode, suiteFiles, passes: 0, failures: 1, pending: 0, failedTests: [`no ${mode} suite in ${suitesFolder}`] });
    throw new Error(`no ${mode} integration suite to run in ${suitesFolder}`);
  }
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: Number(process.env.DISTQ_TEST_TIMEOUT_MS ?? 60_000) });
  for (const file of suiteFiles) mocha.addFile(path.join(suitesFolder, file));
  console.log(`integration (${mode} workspace): ${suiteFiles.join(', ')}`);
  const failedTests: string[] = [];
  // Loading a suite that throws rejects here (a Promise executor's exception), so run() fails too.
  const stats = await new Promise<Mocha.Stats | undefined>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
    runner.on('fail', (test) => failedTests.push(test.fullTitle()));
  });
  const failures = stats ? stats.failures : 1;
  writeResults({ mode, suiteFiles, passes: stats?.passes ?? 0, failures, pending: stats?.pending ?? 0, failedTests });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

function writeResults(results: IntegrationResults): void {
  const file = process.env.DISTQ_TEST_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
}
