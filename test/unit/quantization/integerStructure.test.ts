/**
 * What ONNX Runtime's CPU provider makes of DistQ's INT8 export of models PyTorch exported: every
 * quantized Conv/Gemm runs as an integer kernel, residual Adds and squeeze-excitation gates run in
 * integer arithmetic, and no float island or Transpose pair is left between integer ops. Read from
 * the graph ONNX Runtime saves after its optimizations (structure, not timing).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readModel, writeModel } from '../../../engine/onnx/modelFile.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { prepareForTraining } from '../../../engine/models/prepareModel.ts';
import { foldBatchNormalization } from '../../../engine/onnx/passes/foldBatchNormalization.ts';
import { exportQdqModel } from '../../../engine/quantization/exportQdq.ts';
import { summarizeOptimizedGraph } from '../../../engine/analysis/optimizedGraph.ts';
import { placedPlanFromCalibration, quantizationConfig, randomBatch } from '../analysis/qdqFixtures.ts';
import { cloneModel } from '../../../engine/onnx/cloneModel.ts';
import { insertFakeQuantization } from '../../../engine/quantization/insertFakeQuant.ts';
import { fakeQuantOptions } from '../../../engine/quantization/fakeQuantOptions.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/torch');

async function optimizedInt8(file: string, exampleShape: number[]): Promise<{ prepared: Model; optimized: Model }> {
  const prepared = foldBatchNormalization(await prepareForTraining(readModel(path.join(fixtures, file)), ['input']));
  const plan = await placedPlanFromCalibration(prepared, [randomBatch(16, exampleShape, 1), randomBatch(16, exampleShape, 2)]);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-structure-'));
  try {
    writeModel(exportQdqModel(prepared, plan), path.join(folder, 'int8.onnx'));
    const session = await ort.InferenceSession.create(path.join(folder, 'int8.onnx'), { graphOptimizationLevel: 'all', intraOpNumThreads: 1, optimizedModelFilePath: path.join(folder, 'optimized.onnx'), logSeverityLevel: 3 });
    await session.release();
    return { prepared, optimized: readModel(path.join(folder, 'optimized.onnx')) };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const count = (model: Model, ops: readonly string[]): number => model.graph.nodes.filter((n) => ops.includes(n.opType)).length;
const isActivation = (model: Model, tensor: string): boolean => !model.graph.initializers.has(tensor);

for (const [file, exampleShape, what] of [
  ['cnn_opset13.onnx', [1, 28, 28], 'residual CNN, opset 13'],
  ['cnn_opset17.onnx', [1, 28, 28], 'residual CNN, opset 17'],
  ['depthwise_opset13.onnx', [3, 16, 16], 'depthwise CNN with squeeze-excitation, opset 13'],
  ['depthwise_opset17.onnx', [3, 16, 16], 'depthwise CNN with squeeze-excitation, opset 17'],
  ['cnn_opset22.onnx', [1, 28, 28], 'residual CNN, opset 22 (exported at 21)'],
  ['cnn_opset23.onnx', [1, 28, 28], 'residual CNN, opset 23 (exported at 21)'],
  ['depthwise_opset23.onnx', [3, 16, 16], 'depthwise CNN with squeeze-excitation, opset 23 (exported at 21)'],
] as const) {
  describe(`INT8 export in ONNX Runtime's integer kernels: ${what}`, () => {
    it('runs every quantized Conv and Gemm as an integer kernel and leaves no float Conv/Gemm/MatMul', async () => {
      const { prepared, optimized } = await optimizedInt8(file, [...exampleShape]);
      const summary = summarizeOptimizedGraph(optimized);
      assert.deepEqual(summary.floatLinear.map((n) => `${n.opType} ${n.name}`), []);
      assert.equal(count(optimized, ['QLinearConv', 'QGemm', 'QLinearMatMul', 'MatMulIntegerToFloat']), count(prepared, ['Conv', 'Gemm', 'MatMul']));
    });

    it('runs residual Adds and gating Muls on integers, with no requantizing round trip or Transpose pair between integer ops', async () => {
      const { prepared, optimized } = await optimizedInt8(file, [...exampleShape]);
      const residualAdds = prepared.graph.nodes.filter((n) => n.opType === 'Add' && n.inputs.every((i) => isActivation(prepared, i))).length;
      const gates = prepared.graph.nodes.filter((n) => n.opType === 'Mul' && n.inputs.every((i) => isActivation(prepared, i))).length;
      assert.ok(residualAdds > 0);
      assert.equal(count(optimized, ['QLinearAdd']), residualAdds);
      assert.equal(count(optimized, ['QLinearMul']), gates);
      assert.equal(count(optimized, ['Add', 'Mul', 'Sigmoid', 'Relu', 'Clip', 'DequantizeLinear']), 0, optimized.graph.nodes.map((n) => n.opType).join(' '));
      const summary = summarizeOptimizedGraph(optimized);
      assert.equal(summary.requantizePairs, 0);
      const producers = new Map(optimized.graph.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
      const transposePairs = optimized.graph.nodes.filter((n) => n.opType === 'Transpose' && producers.get(n.inputs[0]!)?.opType === 'Transpose');
      assert.equal(transposePairs.length, 0);
      assert.ok(summary.transposes <= 2, `${summary.transposes} Transposes`);
    });
  });
}

describe('the QAT graph and the INT8 export quantize the same tensors', () => {
  it('fake-quantizes in training exactly the tensors the export quantizes, and carries pass-through outputs on their source\'s grid', async () => {
    const prepared = foldBatchNormalization(await prepareForTraining(readModel(path.join(fixtures, 'depthwise_opset17.onnx')), ['input']));
    const plan = await placedPlanFromCalibration(prepared, [randomBatch(16, [3, 16, 16], 1)]);
    const qat = cloneModel(prepared);
    const result = insertFakeQuantization(qat, fakeQuantOptions(quantizationConfig(), new Set(findTrainableParameters(prepared))));
    const fakeQuantized = qat.graph.nodes.filter((n) => n.opType === 'FakeQuantize' && result.rangeInputs.some((r) => r.name === n.inputs[1])).map((n) => n.inputs[0]!).sort();
    const exported = exportQdqModel(prepared, plan);
    const quantizeInputs = exported.graph.nodes.filter((n) => n.opType === 'QuantizeLinear').map((n) => n.inputs[0]!);
    const shared = plan.activations.filter((a) => a.sharesRangeOf !== undefined);
    assert.deepEqual(fakeQuantized, quantizeInputs.filter((t) => !shared.some((s) => s.tensor === t)).sort());
    assert.deepEqual(result.weights.map((w) => w.tensor).sort(), plan.weights.map((w) => w.tensor).sort());
    for (const s of shared) {
      const source = plan.activations.find((a) => a.tensor === s.sharesRangeOf)!;
      assert.deepEqual([s.scale, s.zeroPoint], [source.scale, source.zeroPoint]);
    }
  });
});
