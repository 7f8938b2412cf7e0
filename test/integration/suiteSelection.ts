/**
 * Which compiled suite files a run loads. Suites whose file name contains "untrusted" run only in the
 * untrusted-workspace run; every other suite only in the trusted run (docs/testing.md). A suite never
 * skips itself by trust: the run it belongs to is chosen by its name.
 */

export type TrustMode = 'trusted' | 'untrusted';

export function trustModeFromEnvironment(value: string | undefined): TrustMode {
  if (value === undefined || value === '' || value === 'trusted') return 'trusted';
  if (value === 'untrusted') return 'untrusted';
  throw new Error(`DISTQ_TEST_TRUST must be "trusted" or "untrusted", not "${value}"`);
}

export function isUntrustedSuite(fileName: string): boolean {
  return /untrusted/i.test(fileName);
}

/** `filter`: an optional substring of the file name (DISTQ_TEST_FILTER). */
export function selectSuiteFiles(fileNames: readonly string[], mode: TrustMode, filter?: string): string[] {
  return fileNames
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => isUntrustedSuite(name) === (mode === 'untrusted'))
    .filter((name) => !filter || name.includes(filter))
    .sort();
}
