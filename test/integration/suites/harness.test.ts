/** Proves the integration harness in a trusted workspace: the extension under development is loaded, built, activates and registers every command its manifest declares. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { distqExtension, testWorkspaceFolder } from '../distqExtension.ts';

interface Manifest {
  readonly main: string;
  readonly contributes: { readonly commands: readonly { readonly command: string }[] };
}

suite('integration harness (trusted workspace)', () => {
  test('the workspace is a trusted copy of test/fixtures/workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
    assert.ok(fs.existsSync(path.join(testWorkspaceFolder().fsPath, 'README.md')), 'the fixture README is in the workspace');
  });

  test('the extension under development is loaded and its bundle is built', () => {
    const extension = distqExtension();
    const main = path.join(extension.extensionPath, (extension.packageJSON as Manifest).main);
    assert.ok(fs.existsSync(main), `${main} is missing: the extension did not build (node scripts/build.mjs)`);
  });

  test('it activates', async () => {
    const extension = distqExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('every command in package.json is registered', async () => {
    const extension = distqExtension();
    await extension.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = (extension.packageJSON as Manifest).contributes.commands.map((contribution) => contribution.command);
    assert.ok(declared.length > 0, 'package.json declares commands');
    assert.deepEqual(declared.filter((command) => !registered.has(command)), [], 'commands declared but not registered');
  });
});
