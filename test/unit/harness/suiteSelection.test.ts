/** Which integration suites the trusted and the untrusted runs load: chosen by file name, never skipped inside a suite. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectSuiteFiles, trustModeFromEnvironment } from '../../integration/suiteSelection.ts';

const compiled = ['core.test.js', 'coreUntrusted.test.js', 'harness.test.js', 'harness.untrusted.test.js', 'core.test.js.map', 'coreSupport.js'];

test('the trusted run loads every suite not named untrusted', () => {
  assert.deepEqual(selectSuiteFiles(compiled, 'trusted'), ['core.test.js', 'harness.test.js']);
});

test('the untrusted run loads only suites named untrusted', () => {
  assert.deepEqual(selectSuiteFiles(compiled, 'untrusted'), ['coreUntrusted.test.js', 'harness.untrusted.test.js']);
});

test('a filter narrows by file name', () => {
  assert.deepEqual(selectSuiteFiles(compiled, 'trusted', 'harness'), ['harness.test.js']);
});

test('DISTQ_TEST_TRUST defaults to trusted and rejects anything else', () => {
  assert.equal(trustModeFromEnvironment(undefined), 'trusted');
  assert.equal(trustModeFromEnvironment('untrusted'), 'untrusted');
  assert.throws(() => trustModeFromEnvironment('maybe'), /must be "trusted" or "untrusted"/);
});
