/** The code-server launcher reads the command line @vscode/test-electron builds for VS Code desktop. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLauncherArguments } from '../../../scripts/harness/launcherArguments.ts';

test('takes the test paths, the workspace and the profile folders; ignores desktop-only flags', () => {
  const parsed = parseLauncherArguments([
    '/tmp/ws', '--user-data-dir=/tmp/run/user-data', '--extensions-dir=/tmp/run/extensions',
    '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust',
    '--extensionTestsPath=/repo/dist-test/integration/index.js', '--extensionDevelopmentPath=/repo',
  ]);
  assert.deepEqual(parsed, {
    extensionDevelopmentPath: '/repo',
    extensionTestsPath: '/repo/dist-test/integration/index.js',
    workspaceFolder: '/tmp/ws',
    userDataDir: '/tmp/run/user-data',
    extensionsDir: '/tmp/run/extensions',
  });
});

test('keeps "=" inside a value', () => {
  const parsed = parseLauncherArguments(['/ws', '--extensionTestsPath=/a=b/index.js', '--extensionDevelopmentPath=/repo']);
  assert.equal(parsed.extensionTestsPath, '/a=b/index.js');
});

test('names what is missing', () => {
  assert.throws(() => parseLauncherArguments(['/ws', '--extensionDevelopmentPath=/repo']), /--extensionTestsPath=… is missing/);
  assert.throws(() => parseLauncherArguments(['--extensionTestsPath=/t.js', '--extensionDevelopmentPath=/repo']), /expected one workspace folder/);
});
