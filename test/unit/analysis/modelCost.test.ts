/** Model size and the FP32 vs INT8 latency comparison (structure only: no wall-clock assertions). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { encodeModel } from '../../../engine/onnx/protoCodec.ts';
import { exportQdqModel } from '../../../engine/quantization/exportQdq.ts';
import { compareFp32Int8, measureModelSize } from '../../../engine/analysis/modelCost.ts';
import { planFromCalibration, randomBatch } from './qdqFixtures.ts';

describe('model size and latency', () => {
  it('measures the serialized size of a model and of a file alike', () => {
    const model = buildSequentialModel(MNIST_CNN);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-size-'));
    try {
      const file = path.join(folder, 'model.onnx');
      fs.writeFileSync(file, encodeModel(model));
      assert.equal(measureModelSize(model), encodeModel(model).byteLength);
      assert.equal(measureModelSize(file), measureModelSize(model));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('compares FP32 with its INT8 export: about a quarter of the bytes, latency at batch 1 and N', async (t) => {
    const model = buildSequentialModel(MNIST_CNN);
    const int8 = exportQdqModel(model, await planFromCalibration(model, [randomBatch(16, MNIST_CNN.inputShape, 5)]));
    const result = await compareFp32Int8(model, int8, { feeds: (batch) => randomBatch(batch, MNIST_CNN.inputShape, 6), batchSize: 8, runs: 3, warmup: 1 });
    t.diagnostic(JSON.stringify(result));
    assert.equal(result.fp32.bytes, measureModelSize(model));
    assert.equal(result.int8.bytes, measureModelSize(int8));
    // Weights dominate: 4 bytes each become 1 (plus scales and the int32 biases).
    assert.ok(result.sizeRatio > 3.5 && result.sizeRatio < 4.1, `size ratio ${result.sizeRatio}`);
    for (const cost of [result.fp32, result.int8]) {
      assert.deepEqual(cost.latency.map((l) => [l.batchSize, l.runs]), [[1, 3], [8, 3]]);
      assert.ok(cost.latency.every((l) => l.medianMs > 0));
    }
  });
});
