/**
 * Data that uses fewer labels than the model has classes (four digits for a ten-class model) trains,
 * exports and is evaluated against the model's classes: the loss and the accuracy take the logits'
 * width, not the largest label + 1.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { loadedConfig, makeWorkspace, recordingReporter, removeWorkspace } from './runFixtures.ts';

/** A version-1.0 .npy file of a little-endian float32 or int64 array. */
function npy(values: Float32Array | BigInt64Array, shape: number[]): Buffer {
  const descr = values instanceof Float32Array ? '<f4' : '<i8';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const preamble = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(preamble);
  preamble[6] = 1;
  preamble.writeUInt16LE(header.length, 8);
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]);
}

describe('data with fewer labels than the model has classes', () => {
  it('trains, exports and evaluates a ten-class model on labels 0 to 3', async () => {
    const folder = makeWorkspace();
    try {
      const random = new SeededRandom(9);
      const write = (name: string, count: number): void => {
        // Each class lights up its own quarter of the image, so the model can learn it.
        const labels = BigInt64Array.from({ length: count }, (_, i) => BigInt(i % 4));
        const inputs = new Float32Array(count * 784).map(() => 0.1 * random.next());
        labels.forEach((label, i) => inputs.fill(1, i * 784 + Number(label) * 196, i * 784 + Number(label) * 196 + 196));
        fs.writeFileSync(path.join(folder, `x_${name}.npy`), npy(inputs, [count, 1, 28, 28]));
        fs.writeFileSync(path.join(folder, `y_${name}.npy`), npy(labels, [count]));
      };
      write('train', 128);
      write('test', 40);
      writeModel(buildSequentialModel({ name: 'ten', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: 16 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 10 }], seed: 3 }), path.join(folder, 'ten.onnx'));
      const loaded = loadedConfig(folder, {
        name: 'four-labels',
        model: { path: 'ten.onnx' },
        data: { kind: 'npy', trainInputs: 'x_train.npy', trainLabels: 'y_train.npy', testInputs: 'x_test.npy', testLabels: 'y_test.npy' },
        distillation: { kind: 'none' },
        quantization: { calibrationBatches: 1 },
        training: { epochs: 6, batchSize: 16, evalBatchSize: 40, optimizer: { kind: 'adam', learningRate: 0.01 }, seed: 1 },
      });
      const summary = await runFromConfig(loaded, recordingReporter());
      assert.equal(summary.status, 'finished');
      assert.ok(summary.accuracy.qatInt8 > 0.9, `the four classes are learned: INT8 ${summary.accuracy.qatInt8}`);
    } finally {
      removeWorkspace(folder);
    }
  });
});
