import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileExtensionAt, relativeToConfig } from '../../../extension/configAuthoring/filePathSlots.ts';

describe('config authoring: settings that name files', () => {
  it('knows the kind of file each setting takes, by data kind', () => {
    assert.equal(fileExtensionAt(['model', 'path'], undefined), '.onnx');
    assert.equal(fileExtensionAt(['teacher', 'path'], 'mnist'), '.onnx');
    assert.equal(fileExtensionAt(['data', 'path'], 'npz'), '.npz');
    assert.equal(fileExtensionAt(['data', 'path'], 'tokens'), '.npz');
    assert.equal(fileExtensionAt(['data', 'trainLabels'], 'npy'), '.npy');
    assert.equal(fileExtensionAt(['data', 'path'], 'mnist'), undefined, 'the built-in data names no file');
    assert.equal(fileExtensionAt(['model', 'input'], undefined), undefined);
    assert.equal(fileExtensionAt(['distillation', 'layerMappings', 0, 'student'], 'npz'), undefined);
  });

  it('writes files relative to the config, with forward slashes, sorted', () => {
    assert.deepEqual(relativeToConfig('/w/cfg', ['/w/cfg/models/b.onnx', '/w/cfg/a.onnx', '/w/other/c.onnx'], path.posix.relative), ['../other/c.onnx', 'a.onnx', 'models/b.onnx']);
  });
});
