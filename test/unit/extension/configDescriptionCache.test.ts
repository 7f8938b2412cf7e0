import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ModelDescription } from '../../../contracts/engineProtocol.ts';
import { DescriptionCache, FAILURE_RETRY_MS } from '../../../extension/configAuthoring/descriptionCache.ts';
import { formatShape, mappableTensors, nodeDetail, nodesOf, tensorDetail, tensorMarkdown } from '../../../extension/configAuthoring/tensorFormatting.ts';

function description(modelPath: string, version: number): ModelDescription {
  return {
    path: modelPath, opset: 17, producer: `v${version}`, inputs: ['input'], outputs: ['logits'],
    tensors: [
      { name: 'input', producer: 'input', node: '', dataType: 'float32', shape: ['N', 4] },
      { name: 'w', producer: 'initializer', node: '', dataType: 'float32', shape: [10, 4] },
      { name: 'logits', producer: 'Gemm', node: 'linear1', dataType: 'float32', shape: ['N', 10] },
    ],
  };
}

function fakeSource(mtimes: Map<string, number>, now: () => number = Date.now): { cache: DescriptionCache; calls: string[] } {
  const calls: string[] = [];
  const cache = new DescriptionCache({
    describe: async (modelPath) => {
      calls.push(modelPath);
      if (modelPath.endsWith('bad.onnx')) throw new Error('bad.onnx: not an ONNX model');
      return description(modelPath, calls.length);
    },
  }, async (file) => mtimes.get(file), now);
  return { cache, calls };
}

describe('config authoring: description cache', () => {
  it('describes a file once per modification time', async () => {
    const mtimes = new Map([['/m.onnx', 1]]);
    const { cache, calls } = fakeSource(mtimes);
    const first = await cache.get('/m.onnx');
    assert.deepEqual(await cache.get('/m.onnx'), first);
    assert.equal(calls.length, 1);
    mtimes.set('/m.onnx', 2);
    const second = await cache.get('/m.onnx');
    assert.ok('description' in second && second.description.producer === 'v2');
    assert.equal(calls.length, 2);
  });

  it('describes again after invalidate, reports missing files, and caches failures for a while', async () => {
    const mtimes = new Map([['/m.onnx', 1], ['/bad.onnx', 1]]);
    let clock = 0;
    const { cache, calls } = fakeSource(mtimes, () => clock);
    await cache.get('/m.onnx');
    cache.invalidate('/m.onnx');
    await cache.get('/m.onnx');
    assert.equal(calls.length, 2);
    assert.deepEqual(await cache.get('/none.onnx'), { error: 'the file does not exist' });
    assert.deepEqual(await cache.get('/bad.onnx'), { error: 'bad.onnx: not an ONNX model' });
    await cache.get('/bad.onnx');
    assert.equal(calls.filter((c) => c === '/bad.onnx').length, 1);
    clock += FAILURE_RETRY_MS + 1;
    await cache.get('/bad.onnx');
    assert.equal(calls.filter((c) => c === '/bad.onnx').length, 2, 'a failure is retried after a while');
  });
});

describe('config authoring: tensor formatting', () => {
  it('shows shapes and producers, and lists nodes and mappable tensors in graph order', () => {
    const model = description('/m.onnx', 1);
    assert.equal(formatShape(null), 'shape unknown');
    assert.equal(tensorDetail(model.tensors[2]!), '[N, 10] · Gemm');
    assert.deepEqual(mappableTensors(model).map((t) => t.name), ['input', 'logits']);
    assert.deepEqual(nodesOf(model).map(nodeDetail), ['Gemm → [N, 10]']);
    assert.match(tensorMarkdown(model.tensors[2]!, 'm.onnx'), /output of `linear1` \(Gemm\)/);
  });
});
