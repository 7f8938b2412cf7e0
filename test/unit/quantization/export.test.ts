/** INT8 QDQ export: stored integers, graph structure, ONNX Runtime's int8 kernels, and agreement with the fake-quant model. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import type { Model, Node } from '../../../engine/onnx/ir.ts';
import { decodeModel, encodeModel } from '../../../engine/onnx/protoCodec.ts';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { MNIST_CNN, MNIST_MLP } from '../../../engine/models/mnistModels.ts';
import { exportQdqModel, QdqExportError } from '../../../engine/quantization/exportQdq.ts';
import { NEWEST_EXPORT_OPSET } from '../../../engine/quantization/exportOpset.ts';
import { buildFakeQuantReferenceModel } from '../../../engine/quantization/exportFakeQuantReference.ts';
import { qdqTensorNames, type QdqExportPlan } from '../../../engine/quantization/exportPlan.ts';
import { createSession, tensorFloats } from '../../../engine/runtime/session.ts';
import { argmaxRows, placedPlanFromCalibration, quantizationConfig, randomBatch } from '../analysis/qdqFixtures.ts';
import { calibratedExportPlan } from '../../../engine/quantization/calibratedExportPlan.ts';

const STEP = 2 ** -7;

/** The values of an initializer of the exported model. */
function stored(model: Model, name: string): number[] {
  const tensor = model.graph.initializers.get(name);
  if (!tensor) throw new Error(`no initializer '${name}'`);
  return Array.from(tensor.data as ArrayLike<number>);
}

function nodeReading(model: Model, tensor: string): Node[] {
  return model.graph.nodes.filter((n) => n.inputs.includes(tensor));
}

/** x → Conv(w) → y, with y also read by a float Relu: the structure tests' model. */
function convModel(weights: number[]): Model {
  const graph = makeGraph('conv', [
    makeNode('Relu', ['x'], ['a'], 'relu_in'),
    makeNode('Conv', ['a', 'w', 'b'], ['y'], 'conv', { kernel_shape: attr.ints([1, 1]) }),
    makeNode('Relu', ['a'], ['side'], 'side_relu'),
  ], [makeValueInfo('x', DataType.FLOAT, ['N', 2, 2, 2])], [makeValueInfo('y', DataType.FLOAT), makeValueInfo('side', DataType.FLOAT)], [
    makeTensor('w', DataType.FLOAT, [weights.length / 2, 2, 1, 1], Float32Array.from(weights)),
    makeTensor('b', DataType.FLOAT, [weights.length / 2], Float32Array.from({ length: weights.length / 2 }, (_, i) => 0.1 * (i + 1))),
  ]);
  return makeModel(graph, [{ domain: '', version: 17 }]);
}

function convPlan(activationScale: number, zeroPoint: number, bits = 8): QdqExportPlan {
  const q = 2 ** (bits - 1);
  return {
    weights: [{ tensor: 'w', node: 'conv', channelAxis: 0, qmin: -(q - 1), qmax: q - 1 }],
    activations: [{ tensor: 'a', qmin: -q, qmax: q - 1, consumers: ['conv'], scale: activationScale, zeroPoint }],
  };
}

async function optimizedOps(model: Model): Promise<string[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-export-test-'));
  try {
    const file = path.join(folder, 'optimized.onnx');
    const session = await ort.InferenceSession.create(encodeModel(model), { graphOptimizationLevel: 'all', optimizedModelFilePath: file, intraOpNumThreads: 1, logSeverityLevel: 3 });
    await session.release();
    return decodeModel(fs.readFileSync(file), file).model.graph.nodes.map((n) => n.opType);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function logits(model: Model, feeds: Record<string, ort.Tensor>, optimizationLevel: 'disabled' | 'all'): Promise<Float32Array> {
  const session = await createSession(model, { optimizationLevel });
  const out = tensorFloats((await session.run(feeds)).logits, 'logits');
  await session.release();
  return out;
}

describe('QDQ export: stored values and structure', () => {
  // Channel 0's max |w| is 127·2⁻⁷, so its scale is exactly 2⁻⁷ and the ties are exact.
  const weights = [127 * STEP, 0.5 * STEP, 1.5 * STEP, -2.5 * STEP, -1.5 * STEP, 0.25 * STEP];

  it('stores weights as int8 with round-half-to-even and a per-channel DequantizeLinear (zero point 0)', () => {
    const exported = exportQdqModel(convModel(weights), convPlan(0.01, -128));
    const quantized = exported.graph.initializers.get('w_quantized')!;
    assert.equal(quantized.dataType, DataType.INT8);
    assert.deepEqual(quantized.dims, [3, 2, 1, 1]);
    // channel 1: max |w| = 2.5·2⁻⁷ → s = 2.5·2⁻⁷/127; channel 2: s = 1.5·2⁻⁷/127.
    assert.deepEqual(stored(exported, 'w_quantized'), [127, 0, 76, -127, -127, 21]);
    assert.deepEqual(stored(exported, 'w_scale'), [STEP, Math.fround((2.5 * STEP) / 127), Math.fround((1.5 * STEP) / 127)]);
    assert.equal(exported.graph.initializers.get('w_zero_point')!.dataType, DataType.INT8);
    assert.deepEqual(stored(exported, 'w_zero_point'), [0, 0, 0]);
    const dequantize = exported.graph.nodes.find((n) => n.inputs[0] === 'w_quantized')!;
    assert.equal(dequantize.opType, 'DequantizeLinear');
    assert.deepEqual(dequantize.attributes.get('axis'), attr.int(0));
    assert.equal(exported.graph.nodes.find((n) => n.name === 'conv')!.inputs[1], dequantize.outputs[0]);
    assert.equal(exported.graph.initializers.has('w'), false, 'the float weight is dropped');
  });

  it('quantizes an activation only on the way to its quantized consumers', () => {
    const exported = exportQdqModel(convModel(weights), convPlan(0.01, -128));
    const names = qdqTensorNames('a');
    assert.equal(exported.graph.nodes.find((n) => n.name === 'conv')!.inputs[0], names.dequantized);
    assert.deepEqual(nodeReading(exported, 'a').map((n) => n.opType).sort(), ['QuantizeLinear', 'Relu']);
    const quantize = nodeReading(exported, 'a').find((n) => n.opType === 'QuantizeLinear')!;
    assert.deepEqual(quantize.inputs, ['a', names.scale, names.zeroPoint]);
    assert.equal(exported.graph.initializers.get(names.zeroPoint)!.dataType, DataType.INT8);
    assert.deepEqual(stored(exported, names.zeroPoint), [-128]);
    assert.deepEqual(stored(exported, names.scale), [Math.fround(0.01)]);
  });

  it('stores the bias as int32 with scale s_x·s_w and zero point 0', () => {
    const exported = exportQdqModel(convModel(weights), convPlan(0.01, -128));
    const scales = stored(exported, 'w_scale');
    const biasScales = scales.map((s) => Math.fround(Math.fround(0.01) * s));
    assert.deepEqual(stored(exported, 'b_scale'), biasScales);
    assert.equal(exported.graph.initializers.get('b_quantized')!.dataType, DataType.INT32);
    assert.deepEqual(stored(exported, 'b_quantized'), [0.1, 0.2, 0.3].map((b, i) => Math.round(Math.fround(b) / biasScales[i]!)));
  });

  it('writes the bit widths and storage on the model, and stores narrower activations on their grid without clipping them', async () => {
    const exported = exportQdqModel(convModel(weights), convPlan(0.5, -3, 4));
    assert.equal(exported.metadata.get('distq.weight_bits'), '4');
    assert.equal(exported.metadata.get('distq.activation_bits'), '4');
    assert.match(exported.metadata.get('distq.storage')!, /int8/);
    assert.ok(stored(exported, 'w_quantized').every((q) => q >= -7 && q <= 7));
    // No Clip between QuantizeLinear and DequantizeLinear (it would keep ONNX Runtime from fusing):
    // a = 20 saturates at the int8 end of the grid, (127 + 3)·0.5 = 65, not at the 4-bit end, 5.
    assert.equal(exported.graph.nodes.some((n) => n.opType === 'Clip'), false);
    exported.graph.outputs.push(makeValueInfo(qdqTensorNames('a').dequantized, DataType.FLOAT));
    const session = await createSession(exported, { optimizationLevel: 'disabled' });
    const x = Float32Array.from([20, 0.2, 3.3, 1, 2, 4.8, 0, 70]);
    const out = await session.run({ x: new ort.Tensor('float32', x, [1, 2, 2, 2]) });
    assert.deepEqual(Array.from(out[qdqTensorNames('a').dequantized]!.data as Float32Array), [20, 0, 3.5, 1, 2, 5, 0, 65]);
  });

  it('stores unsigned activations as uint8', () => {
    const plan = convPlan(0.01, 0);
    plan.activations[0] = { ...plan.activations[0]!, qmin: 0, qmax: 255, zeroPoint: 3 };
    const exported = exportQdqModel(convModel(weights), plan);
    const names = qdqTensorNames('a');
    assert.equal(exported.graph.initializers.get(names.zeroPoint)!.dataType, DataType.UINT8);
    assert.deepEqual(stored(exported, names.zeroPoint), [3]);
  });

  it('keeps the opset and refuses one below 13', () => {
    assert.deepEqual(exportQdqModel(convModel(weights), convPlan(0.01, -128)).opsetImports, [{ domain: '', version: 17 }]);
    const old = convModel(weights);
    old.opsetImports = [{ domain: '', version: 12 }];
    assert.throws(() => exportQdqModel(old, convPlan(0.01, -128)), QdqExportError);
  });

  it('writes a model of opset 22 or 23 at 21, and refuses one whose node has no opset-21 form', async () => {
    for (const opset of [22, 23]) {
      const newer = convModel(weights);
      newer.opsetImports = [{ domain: '', version: opset }];
      const exported = exportQdqModel(newer, convPlan(0.01, -128));
      assert.deepEqual(exported.opsetImports, [{ domain: '', version: NEWEST_EXPORT_OPSET }]);
      assert.deepEqual(newer.opsetImports, [{ domain: '', version: opset }], 'the float model keeps its opset');
      const session = await createSession(exported);
      await session.release();
    }
    const castToFloat4 = convModel(weights);
    castToFloat4.opsetImports = [{ domain: '', version: 23 }];
    castToFloat4.graph.nodes.push(makeNode('Cast', ['side'], ['side4'], 'to_float4', { to: attr.int(23) }));
    assert.throws(() => exportQdqModel(castToFloat4, convPlan(0.01, -128)), /node 'to_float4' \(Cast\) casts to float4e2m1, which opset 21 cannot express/);
  });

  it('ONNX Runtime runs QuantizeLinear at the export opset but not at 23 (a newer onnxruntime-node may allow a newer export opset)', async () => {
    const quantizeAt = (opset: number): Model => makeModel(makeGraph('q', [makeNode('QuantizeLinear', ['x', 's', 'z'], ['y'], 'q')], [makeValueInfo('x', DataType.FLOAT, [2])], [makeValueInfo('y', DataType.INT8, [2])], [
      makeTensor('s', DataType.FLOAT, [], [0.1]), makeTensor('z', DataType.INT8, [], [0]),
    ]), [{ domain: '', version: opset }]);
    const session = await createSession(quantizeAt(NEWEST_EXPORT_OPSET));
    await session.release();
    await assert.rejects(createSession(quantizeAt(23)), /Could not find an implementation for QuantizeLinear\(23\)/);
  });

  it('names the problem when the plan does not fit the model', () => {
    const plan = convPlan(0.01, -128);
    plan.activations[0]!.consumers = ['relu_in'];
    assert.throws(() => exportQdqModel(convModel(weights), plan), /'relu_in' does not read 'a' as its input 0/);
    assert.throws(() => exportQdqModel(convModel(weights), convPlan(0.01, 200)), /zero point 200/);
  });
});

describe('QDQ export: ONNX Runtime int8 kernels and fidelity', () => {
  for (const [spec, expected] of [[MNIST_CNN, { QLinearConv: 2, QGemm: 2 }], [MNIST_MLP, { QGemm: 3 }]] as const) {
    it(`${spec.name}: every quantized layer runs as an int8 kernel (${Object.keys(expected).join(', ')})`, async () => {
      const model = buildSequentialModel(spec);
      const exported = exportQdqModel(model, await placedPlanFromCalibration(model, [randomBatch(32, spec.inputShape, 7)]));
      const ops = await optimizedOps(exported);
      for (const [op, count] of Object.entries(expected)) assert.equal(ops.filter((o) => o === op).length, count, `${op} in ${ops.join(' ')}`);
      for (const floatOp of ['Conv', 'FusedConv', 'Gemm', 'FusedGemm', 'MatMul', 'FusedMatMul']) assert.ok(!ops.includes(floatOp), `float ${floatOp} left in ${ops.join(' ')}`);
    });

    it(`${spec.name}: agrees with the fake-quant model (classes ≥ 99 %, small logit differences)`, async (t) => {
      const model = buildSequentialModel(spec);
      const plan = await placedPlanFromCalibration(model, [randomBatch(64, spec.inputShape, 11)]);
      const feeds = randomBatch(1000, spec.inputShape, 12);
      const reference = await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'all');
      const floatLogits = await logits(model, feeds, 'all');
      const exported = exportQdqModel(model, plan);
      const int8 = await logits(exported, feeds, 'all');
      const unfused = await logits(exported, feeds, 'disabled');
      // The graph itself, nothing fused, is the fake-quant model exactly, int32 biases included.
      const referenceUnoptimized = await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'disabled');
      assert.deepEqual(unfused, referenceUnoptimized);
      const compare = (a: Float32Array, b: Float32Array) => {
        const classesA = argmaxRows(a, 10);
        const classesB = argmaxRows(b, 10);
        let maxDiff = 0;
        let sumDiff = 0;
        for (let i = 0; i < a.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
          sumDiff += Math.abs(a[i]! - b[i]!);
        }
        return { agreement: classesA.filter((c, i) => c === classesB[i]).length / classesA.length, maxDiff, meanDiff: sumDiff / a.length };
      };
      let logitRange = 0;
      for (const v of reference) logitRange = Math.max(logitRange, Math.abs(v));
      const describe = (label: string, c: ReturnType<typeof compare>) => `${label}: agreement ${(c.agreement * 100).toFixed(2)} %, max |Δlogit| ${c.maxDiff.toExponential(3)}, mean |Δlogit| ${c.meanDiff.toExponential(3)}`;
      const fused = compare(int8, reference);
      const quantization = compare(reference, floatLogits);
      const fakeQuantOptimization = compare(reference, referenceUnoptimized);
      t.diagnostic(`${describe('int8 kernels vs fake quant', fused)} (max |logit| ${logitRange.toFixed(3)})`);
      t.diagnostic(describe('int8 kernels vs QDQ without fusion (requantization alone)', compare(int8, unfused)));
      t.diagnostic(describe('fake quant vs float', quantization));
      t.diagnostic(describe('fake quant, ORT-optimized vs not (float kernels alone)', fakeQuantOptimization));
      assert.ok(fused.agreement >= 0.99, `agreement ${fused.agreement}`);
      // What the export changes must be a small part of what quantization itself changes.
      assert.ok(fused.maxDiff < 0.3 * quantization.maxDiff, `max logit difference ${fused.maxDiff} against ${quantization.maxDiff} from quantization`);
    });
  }

  it('mnist_cnn at W4A4 runs on the same integer kernels as at W8A8, and agrees with the 4-bit fake-quant model', async (t) => {
    const model = buildSequentialModel(MNIST_CNN);
    const plan = await placedPlanFromCalibration(model, [randomBatch(64, MNIST_CNN.inputShape, 21)], { weights: 4, activations: 4 });
    const ops = await optimizedOps(exportQdqModel(model, plan));
    assert.deepEqual(ops.filter((o) => o.startsWith('Q') || o === 'MatMulIntegerToFloat').sort(), ['QGemm', 'QGemm', 'QLinearConv', 'QLinearConv', 'QuantizeLinear']);
    // Activations are not clipped to the 4-bit range in the INT8 model: values beyond the
    // calibrated range keep more of their size than the fake-quant model lets them.
    const feeds = randomBatch(500, MNIST_CNN.inputShape, 22);
    const reference = await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'all');
    const int8 = await logits(exportQdqModel(model, plan), feeds, 'all');
    const classes = argmaxRows(int8, 10);
    const agreement = argmaxRows(reference, 10).filter((c, i) => c === classes[i]).length / classes.length;
    t.diagnostic(`W4A4 INT8 vs fake quant: agreement ${(agreement * 100).toFixed(2)} %`);
    assert.ok(agreement >= 0.95, `agreement ${agreement}`);
  });

  it('mnist_cnn with conv2 at W4A4, linear1 in float and the rest at 8 bits: one QDQ model that ONNX Runtime runs on integer kernels and that agrees with fake quant', async (t) => {
    const model = buildSequentialModel(MNIST_CNN);
    const quantization = quantizationConfig({ layers: { conv2: { weights: { bits: 4 }, activations: { bits: 4 } }, linear1: 'float' } });
    const plan = await calibratedExportPlan(model, [randomBatch(64, MNIST_CNN.inputShape, 31)], quantization);
    const exported = exportQdqModel(model, plan);
    // Each layer keeps its own range in the same int8 storage: conv2's weights within [−7, 7], the 8-bit ones reduced to [−63, 63].
    const weightValues = (name: string) => stored(exported, `${name}_quantized`);
    assert.ok(weightValues('conv2.weight').every((v) => v >= -7 && v <= 7) && weightValues('conv2.weight').some((v) => Math.abs(v) === 7));
    assert.ok(weightValues('conv1.weight').some((v) => Math.abs(v) > 7) && weightValues('conv1.weight').every((v) => Math.abs(v) <= 63));
    assert.ok(!exported.graph.initializers.has('linear1.weight_quantized'));
    assert.equal(exported.metadata.get('distq.weight_bits'), '4,7');
    assert.equal(exported.metadata.get('distq.activation_bits'), '4,8');
    const ops = await optimizedOps(exported);
    // Both convolutions, the 4-bit one too, run as integer kernels, and so does linear2; linear1 sits
    // between quantized tensors, and ONNX Runtime would quantize its float weights itself were it not
    // for the barrier in front of it: it stays a float Gemm.
    assert.equal(ops.filter((o) => o === 'QLinearConv').length, 2, ops.join(' '));
    assert.ok(!ops.includes('Conv') && !ops.includes('FusedConv'), ops.join(' '));
    assert.equal(ops.filter((o) => o === 'QGemm').length, 1, ops.join(' '));
    assert.equal(ops.filter((o) => o === 'Gemm' || o === 'FusedGemm').length, 1, ops.join(' '));
    assert.ok(exported.graph.initializers.get('linear1.weight')?.data instanceof Float32Array);
    const feeds = randomBatch(500, MNIST_CNN.inputShape, 32);
    const reference = await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'all');
    const int8 = await logits(exported, feeds, 'all');
    const classes = argmaxRows(int8, 10);
    const agreement = argmaxRows(reference, 10).filter((c, i) => c === classes[i]).length / classes.length;
    t.diagnostic(`mixed W4A4 / W8A8 / float INT8 vs fake quant: agreement ${(agreement * 100).toFixed(2)} %`);
    assert.ok(agreement >= 0.95, `agreement ${agreement}`);
  });

  it('keeps a float Conv between quantized layers in float in ONNX Runtime, its neighbours on integer kernels, and agrees with fake quant', async () => {
    const model = buildSequentialModel(MNIST_CNN);
    const plan = await calibratedExportPlan(model, [randomBatch(64, MNIST_CNN.inputShape, 41)], quantizationConfig({ layers: { conv2: 'float' } }));
    const exported = exportQdqModel(model, plan);
    const ops = await optimizedOps(exported);
    assert.equal(ops.filter((o) => o === 'QLinearConv').length, 1, ops.join(' '));
    assert.equal(ops.filter((o) => o === 'Conv' || o === 'FusedConv').length, 1, ops.join(' '));
    assert.equal(ops.filter((o) => o === 'QGemm').length, 2, ops.join(' '));
    // The barrier is the identity: unfused, the export computes what it computed without it.
    const feeds = randomBatch(200, MNIST_CNN.inputShape, 42);
    const withoutBarrier = exportQdqModel(model, { ...plan, floatNodes: [] });
    assert.deepEqual(await logits(exported, feeds, 'disabled'), await logits(withoutBarrier, feeds, 'disabled'));
    const reference = await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'all');
    const classes = argmaxRows(await logits(exported, feeds, 'all'), 10);
    const agreement = argmaxRows(reference, 10).filter((c, i) => c === classes[i]).length / classes.length;
    assert.ok(agreement >= 0.97, `agreement ${agreement}`);
  });
});
