/** Proves the untrusted run of the harness: the workspace really is in restricted mode, and the extension (limited support) still activates there. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { distqExtension } from '../distqExtension.ts';

suite('integration harness (untrusted workspace)', () => {
  test('the workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('the extension activates in restricted mode', async () => {
    const extension = distqExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
