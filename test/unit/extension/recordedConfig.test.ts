/** A run folder's recorded configPath may steer opens and edits only to a *.distq.json inside the workspace. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkRecordedConfig, isInsideFolder, refusalMessage } from '../../../extension/configs/recordedConfig.ts';

function layout(): { workspace: string; outside: string } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-recorded-')));
  const workspace = path.join(root, 'workspace');
  const outside = path.join(root, 'elsewhere');
  fs.mkdirSync(path.join(workspace, 'configs'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(workspace, 'configs', 'mnist.distq.json'), '{}');
  fs.writeFileSync(path.join(outside, 'victim.distq.json'), '{}');
  fs.writeFileSync(path.join(workspace, 'notes.txt'), '');
  return { workspace, outside };
}

describe('recorded config path', () => {
  it('accepts a config inside a workspace folder', async () => {
    const { workspace } = layout();
    const file = path.join(workspace, 'configs', 'mnist.distq.json');
    assert.deepEqual(await checkRecordedConfig(file, [workspace]), { kind: 'usable', path: file });
  });

  it('refuses a config outside every workspace folder, naming why', async () => {
    const { workspace, outside } = layout();
    const file = path.join(outside, 'victim.distq.json');
    const checked = await checkRecordedConfig(file, [workspace]);
    assert.deepEqual(checked, { kind: 'refused', path: file, reason: 'is outside this workspace' });
    assert.equal(refusalMessage('mnist-20261128-003455Z', checked as Extract<typeof checked, { kind: 'refused' }>),
      `run mnist-20261128-003455Z records its config as ${file}, which is outside this workspace: DistQ does not open or edit it from a run folder.`);
    assert.equal((await checkRecordedConfig(path.join(workspace, '..', 'elsewhere', 'victim.distq.json'), [workspace])).kind, 'refused');
    assert.equal((await checkRecordedConfig(file, [])).kind, 'refused');
  });

  it('refuses a link inside the workspace to a config outside it', async () => {
    const { workspace, outside } = layout();
    const link = path.join(workspace, 'configs', 'link.distq.json');
    fs.symlinkSync(path.join(outside, 'victim.distq.json'), link);
    const checked = await checkRecordedConfig(link, [workspace]);
    assert.equal(checked.kind, 'refused');
    assert.match(checked.kind === 'refused' ? checked.reason : '', /^links to .*victim\.distq\.json, outside this workspace$/);
  });

  it('refuses a file that is not a config, and a relative path', async () => {
    const { workspace } = layout();
    assert.deepEqual(await checkRecordedConfig(path.join(workspace, 'notes.txt'), [workspace]), { kind: 'refused', path: path.join(workspace, 'notes.txt'), reason: 'is not a *.distq.json file' });
    assert.equal((await checkRecordedConfig('configs/mnist.distq.json', [workspace])).kind, 'refused');
  });

  it('reports a config that no longer exists as missing (the caller looks for it by name)', async () => {
    const { workspace } = layout();
    assert.equal((await checkRecordedConfig(path.join(workspace, 'gone.distq.json'), [workspace])).kind, 'missing');
  });

  it('knows inside from beside', () => {
    assert.equal(isInsideFolder('/w/a/b.distq.json', '/w'), true);
    assert.equal(isInsideFolder('/w', '/w'), true);
    assert.equal(isInsideFolder('/w2/b.distq.json', '/w'), false);
    assert.equal(isInsideFolder('/b.distq.json', '/w'), false);
  });
});
