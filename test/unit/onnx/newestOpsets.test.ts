/**
 * Opsets 22 and 23, the newest that onnxruntime-node runs: the PyTorch CNN raised to them
 * (test/fixtures/torch/raise_opset.ts) trains with QAT + KD, describes, and exports an INT8 model
 * that ONNX Runtime runs; a newer opset is refused by file, opset and the newest supported.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeGraph, makeModel, makeNode, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { readModel, writeModel } from '../../../engine/onnx/modelFile.ts';
import { MAX_OPSET } from '../../../engine/onnx/errors.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import { loadModelForTraining } from '../../../engine/models/loadStudentModel.ts';
import { describeModel } from '../../../engine/commands/describe.ts';
import { NEWEST_EXPORT_OPSET } from '../../../engine/quantization/exportOpset.ts';
import { trainAndExport } from '../../support/trainAndExport.ts';

const TORCH_FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/torch');

function reluAt(opset: number) {
  return makeModel(makeGraph('relu', [makeNode('Relu', ['x'], ['y'], 'relu')], [makeValueInfo('x', DataType.FLOAT, [2])], [makeValueInfo('y', DataType.FLOAT, [2])]), [{ domain: '', version: opset }]);
}

describe('opsets 22 and 23', () => {
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-newest-opsets-'));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it(`onnxruntime-node runs opset ${MAX_OPSET}, DistQ's newest, and not ${MAX_OPSET + 1} (when it does, MAX_OPSET may rise)`, async () => {
    const session = await createSession(reluAt(MAX_OPSET));
    await session.release();
    await assert.rejects(createSession(reluAt(MAX_OPSET + 1)), /opset/i);
  });

  it('refuses a model file of a newer opset, naming the file, its opset and the newest supported', async () => {
    const model = readModel(path.join(TORCH_FIXTURES, 'cnn_opset23.onnx'));
    model.opsetImports = [{ domain: '', version: MAX_OPSET + 1 }];
    const file = path.join(folder, 'cnn_opset24.onnx');
    writeModel(model, file);
    const expected = `${file}: opset ${MAX_OPSET + 1} is newer than onnxruntime-node runs; the newest opset DistQ supports is ${MAX_OPSET} (export the model at opset ${MAX_OPSET} or older)`;
    assert.throws(() => loadModelForTraining(file, undefined, undefined), { message: expected });
    await assert.rejects(describeModel(file), { message: expected });
  });

  it('describes an opset 23 model with its own opset and the tensors of its opset-17 original', async () => {
    const raised = await describeModel(path.join(TORCH_FIXTURES, 'cnn_opset23.onnx'));
    const original = await describeModel(path.join(TORCH_FIXTURES, 'cnn_opset17.onnx'));
    assert.equal(raised.opset, 23);
    assert.deepEqual(raised.tensors, original.tensors);
    assert.deepEqual(raised.tensors.find((t) => t.name === 'logits')?.shape, ['N', 10]);
  });

  for (const opset of [22, 23]) {
    it(`the CNN at opset ${opset} trains with QAT + KD, and its INT8 export (at opset ${NEWEST_EXPORT_OPSET}) runs in ONNX Runtime`, async () => {
      const run = await trainAndExport(readModel(path.join(TORCH_FIXTURES, `cnn_opset${opset}.onnx`)), `cnn_opset${opset}`, [1, 28, 28], folder);
      assert.ok(run.losses.every(Number.isFinite), `finite losses: ${run.losses.join(', ')}`);
      assert.deepEqual(run.unchangedParameters, [], 'every trainable parameter changed');
      assert.equal(run.int8Opset, NEWEST_EXPORT_OPSET);
      assert.deepEqual(run.unfusedInt8Logits, run.fakeQuantLogits, 'unfused, the exported QDQ graph computes exactly the fake-quant logits');
      assert.ok(run.int8Logits.length === run.fakeQuantLogits.length && run.int8Logits.every(Number.isFinite), 'the INT8 export runs in ONNX Runtime');
      assert.ok(run.kernels.maxStep <= 1, `a fused kernel is ${run.kernels.maxStep} steps from the QDQ graph at '${run.kernels.worstTensor}'`);
    });
  }
});
