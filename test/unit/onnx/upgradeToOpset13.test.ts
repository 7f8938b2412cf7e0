/**
 * Opset 11 and 12 models upgraded to 13 compute what they computed: ONNX Runtime runs the
 * original at its own opset and the upgraded graph at 13, on the same input.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, makeGraph, makeModel, makeNode, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { defaultOpset, type Model } from '../../../engine/onnx/ir.ts';
import { encodeModel } from '../../../engine/onnx/protoCodec.ts';
import { checkModel } from '../../../engine/onnx/checker.ts';
import { cloneModel } from '../../../engine/onnx/cloneModel.ts';
import { upgradeToOpset13 } from '../../../engine/onnx/passes/upgradeToOpset13.ts';
import { createSessionFromBytes, floatTensor, tensorFloats } from '../../../engine/runtime/session.ts';
import { loadModelForTraining } from '../../../engine/models/loadStudentModel.ts';
import { describeModel } from '../../../engine/commands/describe.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const X_SHAPE = [2, 3, 4];

/** One node of `opType` on x [2, 3, 4] (after an Unsqueeze of axis 1 for Squeeze), its outputs the model's. */
function singleNodeModel(opType: string, attributes: Attributes, opset: number, outputCount = 1): Model {
  const outputs = Array.from({ length: outputCount }, (_, i) => `y${i}`);
  const unsqueeze = opType === 'Squeeze' ? [makeNode('Unsqueeze', ['x'], ['x1'], 'unsqueeze', { axes: attr.ints([1]) })] : [];
  const nodes = [...unsqueeze, makeNode(opType, [unsqueeze.length > 0 ? 'x1' : 'x'], outputs, 'node', attributes)];
  const graph = makeGraph('old', nodes, [makeValueInfo('x', DataType.FLOAT, X_SHAPE)], outputs.map((o) => makeValueInfo(o, DataType.FLOAT)));
  return makeModel(graph, [{ domain: '', version: opset }]);
}

async function outputsOf(model: Model, x: Float32Array): Promise<number[][]> {
  const session = await createSessionFromBytes(encodeModel(model));
  try {
    const results = await session.run({ x: floatTensor(x, X_SHAPE) });
    return session.outputNames.map((name) => Array.from(tensorFloats(results[name])));
  } finally {
    await session.release();
  }
}

const cases: [string, string, Attributes, number, number?][] = [
  ['Unsqueeze axes', 'Unsqueeze', { axes: attr.ints([0, 3]) }, 11],
  ['Squeeze axes', 'Squeeze', { axes: attr.ints([1]) }, 12],
  ['Split with split sizes', 'Split', { axis: attr.int(2), split: attr.ints([1, 3]) }, 11, 2],
  ['Split into equal parts', 'Split', { axis: attr.int(1) }, 12, 3],
  ['ReduceSum axes', 'ReduceSum', { axes: attr.ints([1, 2]), keepdims: attr.int(0) }, 11],
  ['ReduceSum over every axis', 'ReduceSum', {}, 12],
  ['Softmax over the flattened axes from 1 (the default before 13)', 'Softmax', {}, 11],
  ['LogSoftmax at axis 1 of a rank-3 input', 'LogSoftmax', { axis: attr.int(1) }, 12],
  ['Softmax on the last axis', 'Softmax', { axis: attr.int(-1) }, 11],
  ['Dropout-11 ratio', 'Dropout', { ratio: attr.float(0.3) }, 11],
];

describe('upgradeToOpset13', () => {
  const x = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i + 1) * 2);
  for (const [label, opType, attributes, opset, outputCount] of cases) {
    it(`${label} (opset ${opset}) computes the same at 13`, async () => {
      const original = singleNodeModel(opType, attributes, opset, outputCount);
      const upgraded = upgradeToOpset13(cloneModel(original));
      assert.equal(defaultOpset(upgraded), 13);
      checkModel(upgraded);
      assert.deepEqual(await outputsOf(upgraded, x), await outputsOf(original, x));
    });
  }

  it('leaves models of opset 13 or later as they are', () => {
    const model = singleNodeModel('Unsqueeze', {}, 17);
    model.graph.nodes[0]!.inputs.push('axes');
    const before = encodeModel(model);
    assert.deepEqual(encodeModel(upgradeToOpset13(model)), before);
  });

  it('loading a model file upgrades opset 11 and 12, and names 11 as the oldest when refusing opset 10', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-opset-'));
    try {
      const file = (opset: number): string => {
        const full = path.join(folder, `unsqueeze${opset}.onnx`);
        writeModel(singleNodeModel('Unsqueeze', { axes: attr.ints([0]) }, opset), full);
        return full;
      };
      assert.equal(defaultOpset(loadModelForTraining(file(11), undefined, undefined).model), 13);
      const described = await describeModel(file(12));
      assert.equal(described.opset, 12, 'describe reports the file as it is');
      assert.deepEqual(described.tensors.find((t) => t.name === 'y0')?.shape, [1, 'N', 3, 4], 'shapes come from the upgraded graph');
      assert.throws(() => loadModelForTraining(file(10), undefined, undefined), /opset 10 is not supported; DistQ reads opsets 11 to/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
