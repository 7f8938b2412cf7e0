import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { configOfRun } from '../../../extension/runHistory/resumeConfig.ts';
import { configNameOfRunFolder } from '../../../contracts/runFolderLayout.ts';
import { isRunFolderCopy } from '../../../extension/configs/configPaths.ts';

const text = (name: string, epochs = 3): string => `{\n  // a comment\n  "name": "${name}",\n  "training": { "epochs": ${epochs} }\n}\n`;

describe('the config a run came from', () => {
  it('strips the timestamp from a run folder name', () => {
    assert.equal(configNameOfRunFolder('mnist-qat-kd-20261128-003455Z'), 'mnist-qat-kd');
    assert.equal(configNameOfRunFolder('mnist-qat-kd-20261128-003455Z-2'), 'mnist-qat-kd', 'the second run of a second');
    assert.equal(configNameOfRunFolder('odd'), 'odd');
  });

  it('prefers the identical config beside the runs folder', () => {
    const candidates = [{ path: '/w/other/a.distq.json', text: text('a') }, { path: '/w/ex/a.distq.json', text: text('a') }];
    assert.equal(configOfRun('/w/ex/runs/a-20261128-000000Z', text('a'), candidates), '/w/ex/a.distq.json');
  });

  it('takes an identical config elsewhere when it is the only one', () => {
    assert.equal(configOfRun('/w/ex/out/a-20261128-000000Z', text('a'), [{ path: '/w/cfg/a.distq.json', text: text('a') }]), '/w/cfg/a.distq.json');
  });

  it('falls back to the config beside the runs folder that declares the run name (edited since)', () => {
    const candidates = [{ path: '/w/ex/a.distq.json', text: text('a', 5) }, { path: '/w/ex/b.distq.json', text: text('b') }];
    assert.equal(configOfRun('/w/ex/runs/a-20261128-000000Z', text('a'), candidates), '/w/ex/a.distq.json');
  });

  it('gives up when nothing fits unambiguously', () => {
    assert.equal(configOfRun('/w/ex/runs/a-20261128-000000Z', text('a'), [{ path: '/w/ex/c.distq.json', text: text('c') }]), undefined);
    const twins = [{ path: '/w/x/a.distq.json', text: text('a') }, { path: '/w/y/a.distq.json', text: text('a') }];
    assert.equal(configOfRun('/w/ex/runs/a-20261128-000000Z', text('a'), twins), undefined);
  });

  it('tells run-folder copies from configs', () => {
    assert.equal(isRunFolderCopy('/w/ex/runs/a-20261128-000000Z/config.distq.json'), true);
    assert.equal(isRunFolderCopy('C:\\w\\runs\\a-1\\config.distq.json'), true);
    assert.equal(isRunFolderCopy('/w/ex/config.distq.json'), false);
    assert.equal(isRunFolderCopy('/w/runs/mine.distq.json'), false);
  });
});
