/** A setting that names a program DistQ starts is the machine's, never a workspace's (a cloned repository's .vscode/settings.json). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { scope?: string; description?: string }> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const executableSettings = Object.entries(manifest.contributes.configuration.properties)
  .filter(([name, setting]) => /path$/i.test(name) || /executable/i.test(setting.description ?? ''))
  .map(([name]) => name);

describe('settings that name an executable', () => {
  it('include the engine\'s Node.js', () => {
    assert.deepEqual(executableSettings, ['distq.engine.nodePath']);
  });

  it('are machine-scoped and restricted in untrusted workspaces', () => {
    for (const name of executableSettings) {
      assert.equal(manifest.contributes.configuration.properties[name]?.scope, 'machine', name);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes(name), name);
    }
  });
});
