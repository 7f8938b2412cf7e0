/**
 * Transformers: the QAT rewrite quantizes both inputs of attention's activation×activation
 * MatMuls and leaves embeddings alone; the INT8 export puts each Q/DQ pair on the input its
 * consumer reads, agrees with the fake-quant model, and ONNX Runtime runs the MatMuls in
 * its integer kernels.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Model, Node } from '../../../engine/onnx/ir.ts';
import { decodeModel, encodeModel } from '../../../engine/onnx/protoCodec.ts';
import { DISTQ_OP_DOMAIN } from '../../../engine/onnx/shapes/registry.ts';
import { TRANSFORMER_OUTPUT } from '../../../engine/models/transformerBuilder.ts';
import { exportQdqModel, QdqExportError } from '../../../engine/quantization/exportQdq.ts';
import { buildFakeQuantReferenceModel } from '../../../engine/quantization/exportFakeQuantReference.ts';
import { activationReads, qdqTensorNames } from '../../../engine/quantization/exportPlan.ts';
import { computeLayerErrors } from '../../../engine/analysis/layerErrors.ts';
import type { Feeds } from '../../../engine/analysis/collectTensors.ts';
import { createSession, tensorFloats } from '../../../engine/runtime/session.ts';
import { argmaxRows } from '../analysis/qdqFixtures.ts';
import { calibratedTransformerPlan, fakeQuantized, TINY_TRANSFORMER, tinyTransformer, tokenBatch } from './transformerQdqFixtures.ts';

const ATTENTION_SCORES = 'layer0/attention/scores_unscaled';
const ATTENTION_CONTEXT = 'layer0/attention/context_heads';
const CLASSIFIER_HEAD = 'logits/matmul';

const calibration = (): Feeds[] => [tokenBatch(16, 1), tokenBatch(16, 2), tokenBatch(16, 3)];

function matMuls(model: Model): Node[] {
  return model.graph.nodes.filter((n) => n.opType === 'MatMul');
}

/** The linears' MatMuls read a weight initializer as input 1; attention's read two activations. */
function isLinear(model: Model, node: Node): boolean {
  return model.graph.initializers.has(node.inputs[1]!);
}

async function optimizedGraph(model: Model): Promise<Node[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-transformer-qdq-'));
  try {
    const file = path.join(folder, 'optimized.onnx');
    const session = await ort.InferenceSession.create(encodeModel(model), { graphOptimizationLevel: 'all', optimizedModelFilePath: file, intraOpNumThreads: 1, logSeverityLevel: 3 });
    await session.release();
    return decodeModel(fs.readFileSync(file), file).model.graph.nodes;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function logits(model: Model, feeds: Feeds, optimizationLevel: 'disabled' | 'all'): Promise<Float32Array> {
  const session = await createSession(model, { optimizationLevel });
  try {
    return tensorFloats((await session.run(feeds))[TRANSFORMER_OUTPUT], TRANSFORMER_OUTPUT);
  } finally {
    await session.release();
  }
}

describe('QAT rewrite of a transformer', () => {
  it('quantizes both inputs of every MatMul (weights as weights, activations per tensor) and no Gather input', () => {
    const original = tinyTransformer();
    const { model, result } = fakeQuantized(original);
    const producers = new Map(model.graph.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
    const fakeQuantizeInput = (tensor: string): string | undefined => {
      const producer = producers.get(tensor);
      return producer?.opType === 'FakeQuantize' && producer.domain === DISTQ_OP_DOMAIN ? producer.inputs[0] : undefined;
    };
    const originalMatMuls = matMuls(original);
    assert.equal(originalMatMuls.length, 9, 'seven linears and two attention MatMuls');
    for (const node of originalMatMuls) {
      const rewritten = model.graph.nodes.find((n) => n.name === node.name)!;
      assert.deepEqual(rewritten.inputs.map(fakeQuantizeInput), node.inputs, `both inputs of ${node.name} pass through FakeQuantize`);
    }

    const linears = originalMatMuls.filter((n) => isLinear(original, n));
    const attention = originalMatMuls.filter((n) => !isLinear(original, n)).map((n) => n.name).sort();
    assert.deepEqual(attention, [ATTENTION_CONTEXT, ATTENTION_SCORES]);
    assert.deepEqual(result.weights.map((w) => [w.node, w.tensor, w.channelAxis]), linears.map((n) => [n.name, n.inputs[1], 1]));
    const expectedReads = [...originalMatMuls.map((n) => `${n.name}#0`), ...attention.map((name) => `${name}#1`)].sort();
    assert.deepEqual(result.activations.flatMap((a) => a.consumerInputs.map((r) => `${r.node}#${r.input}`)).sort(), expectedReads);
    const keys = result.activations.find((a) => a.tensor === 'layer0/attention/key_heads_transposed')!;
    assert.deepEqual(keys.consumerInputs, [{ node: ATTENTION_SCORES, input: 1 }]);

    // One FakeQuantize per tensor, shared by its readers: the embeddings feed query, key and value.
    const embeddings = result.activations.find((a) => a.tensor === 'embeddings/output')!;
    assert.deepEqual(embeddings.consumers, ['layer0/attention/query/matmul', 'layer0/attention/key/matmul', 'layer0/attention/value/matmul']);
    for (const activation of result.activations) {
      const quantizers = model.graph.nodes.filter((n) => n.opType === 'FakeQuantize' && n.inputs[0] === activation.tensor);
      assert.equal(quantizers.length, 1, `FakeQuantize nodes on '${activation.tensor}'`);
      assert.deepEqual(activation.consumers, [...new Set(activation.consumerInputs.map((r) => r.node))]);
    }

    const gathers = original.graph.nodes.filter((n) => n.opType === 'Gather');
    assert.equal(gathers.length, 2);
    const quantizedTensors = new Set([...result.activations.map((a) => a.tensor), ...result.weights.map((w) => w.tensor)]);
    for (const gather of gathers) {
      assert.deepEqual(model.graph.nodes.find((n) => n.name === gather.name)!.inputs, gather.inputs, `${gather.name} reads its float inputs`);
      for (const input of gather.inputs) assert.ok(!quantizedTensors.has(input), `'${input}' is not quantized`);
    }
  });
});

describe('INT8 QDQ export of a transformer', () => {
  it('puts a Q/DQ pair of its own on each input each consumer reads, and names a wrong input index', async () => {
    const model = tinyTransformer();
    const plan = await calibratedTransformerPlan(model, calibration());
    const exported = exportQdqModel(model, plan);
    const producers = new Map(exported.graph.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
    const quantizersSeen = new Set<string>();
    for (const activation of plan.activations) {
      for (const read of activationReads(activation)) {
        const consumer = exported.graph.nodes.find((n) => n.name === read.node)!;
        const dequantize = producers.get(consumer.inputs[read.input]!)!;
        assert.equal(dequantize.opType, 'DequantizeLinear', `${read.node} input ${read.input}`);
        const quantize = producers.get(dequantize.inputs[0]!)!;
        assert.equal(quantize.opType, 'QuantizeLinear');
        assert.equal(quantize.inputs[0], activation.tensor);
        assert.deepEqual(quantize.inputs.slice(1), dequantize.inputs.slice(1), 'the pair shares its scale and zero point');
        assert.deepEqual(Array.from(exported.graph.initializers.get(quantize.inputs[1]!)!.data as Float32Array), [Math.fround(activation.scale)]);
        assert.ok(!quantizersSeen.has(quantize.name), `${quantize.name} feeds one read only`);
        quantizersSeen.add(quantize.name);
      }
    }
    // The first read of a tensor keeps the names analysis looks up; query, key and value each get a pair.
    const query = exported.graph.nodes.find((n) => n.name === 'layer0/attention/query/matmul')!;
    assert.equal(query.inputs[0], qdqTensorNames('embeddings/output').dequantized);
    const embeddingZeroPoints = ['query', 'key', 'value'].map((p) => producers.get(exported.graph.nodes.find((n) => n.name === `layer0/attention/${p}/matmul`)!.inputs[0]!)!.inputs[2]);
    assert.equal(new Set(embeddingZeroPoints).size, 3, 'each pair has its own zero-point initializer');
    assert.equal(exported.graph.nodes.find((n) => n.name === ATTENTION_SCORES)!.inputs[1], qdqTensorNames('layer0/attention/key_heads_transposed').dequantized);

    const wrong = structuredClone(plan);
    const keys = wrong.activations.find((a) => a.tensor === 'layer0/attention/key_heads_transposed')!;
    keys.consumerInputs = [{ node: ATTENTION_SCORES, input: 0 }];
    assert.throws(() => exportQdqModel(model, wrong), (error: unknown) => error instanceof QdqExportError && /does not read 'layer0\/attention\/key_heads_transposed' as its input 0/.test(error.message));
  });

  it('agrees with the fake-quant model in ONNX Runtime (classes ≥ 99 %, logit differences far below the quantization error)', async (t) => {
    const model = tinyTransformer();
    const plan = await calibratedTransformerPlan(model, calibration());
    const feeds = tokenBatch(256, 12);
    const reference = await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'all');
    const floatLogits = await logits(model, feeds, 'all');
    const exported = exportQdqModel(model, plan);
    const int8 = await logits(exported, feeds, 'all');
    // No Conv or Gemm, so no int32 bias: the QDQ graph itself computes exactly what the fake-quant graph computes.
    assert.deepEqual(await logits(exported, feeds, 'disabled'), await logits(buildFakeQuantReferenceModel(model, plan), feeds, 'disabled'));

    const compare = (a: Float32Array, b: Float32Array) => {
      const classesA = argmaxRows(a, TINY_TRANSFORMER.classes);
      const classesB = argmaxRows(b, TINY_TRANSFORMER.classes);
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
      return { agreement: classesA.filter((c, i) => c === classesB[i]).length / classesA.length, maxDiff };
    };
    const fused = compare(int8, reference);
    const quantization = compare(reference, floatLogits);
    t.diagnostic(`int8 kernels vs fake quant: agreement ${(fused.agreement * 100).toFixed(2)} %, max |Δlogit| ${fused.maxDiff.toExponential(3)}`);
    t.diagnostic(`fake quant vs float: agreement ${(quantization.agreement * 100).toFixed(2)} %, max |Δlogit| ${quantization.maxDiff.toExponential(3)}`);
    assert.ok(quantization.maxDiff > 0, 'quantization changes the logits');
    assert.ok(fused.agreement >= 0.99, `agreement ${fused.agreement}`);
    // The unfused graph is the fake-quant graph (above), so only the integer kernels differ:
    // they sum the integers exactly where fake quant sums dequantized floats, and QLinearMatMul
    // requantizes its sums directly. Either moves a downstream value by one quantization step
    // only where float rounding lands it on a rounding boundary, while quantization itself
    // moves every value by up to half a step: the export's share must be a small part of it.
    assert.ok(fused.maxDiff < 0.3 * quantization.maxDiff, `max logit difference ${fused.maxDiff} against ${quantization.maxDiff} from quantization`);
  });

  it('runs every MatMul but the classifier head in an int8 kernel of ONNX Runtime (MatMulIntegerToFloat, QLinearMatMul)', async () => {
    const model = tinyTransformer();
    const exported = exportQdqModel(model, await calibratedTransformerPlan(model, calibration()));
    const optimized = await optimizedGraph(exported);
    const opOf = (name: string): string | undefined => optimized.find((n) => n.name === name)?.opType;
    for (const node of matMuls(model).filter((n) => n.name !== CLASSIFIER_HEAD)) {
      // Output read in float (bias Add, score scaling): the int32 product scaled to float.
      const expected = node.name === ATTENTION_CONTEXT ? 'QLinearMatMul' : 'MatMulIntegerToFloat';
      assert.equal(opOf(node.name), expected, `${node.name} in ${optimized.map((n) => n.opType).join(' ')}`);
    }
    // probs·V: the projection's QuantizeLinear moves up across Reshape and Transpose, so the
    // output is requantized inside the kernel; both attention MatMuls read two int8 activations.
    const context = optimized.find((n) => n.name === ATTENTION_CONTEXT)!;
    assert.equal(context.inputs.length, 8);
    // The head's input is 2-D: ONNX Runtime fuses its MatMul and bias Add into a Gemm, which
    // stays float because the bias is float; it reads the dequantized int8 input and weight.
    const floatMatMuls = optimized.filter((n) => ['MatMul', 'FusedMatMul', 'Gemm', 'FusedGemm'].includes(n.opType));
    assert.deepEqual(floatMatMuls.map((n) => n.opType), ['Gemm']);
    const producers = new Map(optimized.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
    assert.deepEqual(floatMatMuls[0]!.inputs.slice(0, 2).map((i) => producers.get(i)?.opType), ['DequantizeLinear', 'DequantizeLinear']);
    assert.ok(floatMatMuls[0]!.outputs.includes(TRANSFORMER_OUTPUT));
  });

  it('reports both inputs of attention MatMuls in the per-layer errors', async () => {
    const model = tinyTransformer();
    const batches = calibration();
    const report = await computeLayerErrors(model, await calibratedTransformerPlan(model, batches), batches);
    const layer = (node: string) => report.layers.find((l) => l.node === node)!;
    assert.equal(report.layers.length, 9);
    assert.equal(layer(ATTENTION_SCORES).activation?.tensor, 'layer0/attention/query_heads');
    assert.equal(layer(ATTENTION_SCORES).secondActivation?.tensor, 'layer0/attention/key_heads_transposed');
    assert.equal(layer(ATTENTION_CONTEXT).activation?.tensor, 'layer0/attention/probs');
    assert.equal(layer(ATTENTION_CONTEXT).secondActivation?.tensor, 'layer0/attention/value_heads');
    assert.equal(layer(ATTENTION_SCORES).weight, null);
    for (const l of report.layers.filter((l) => l.node !== ATTENTION_SCORES && l.node !== ATTENTION_CONTEXT)) {
      assert.equal(l.secondActivation, undefined, l.node);
      assert.ok(l.activation && l.weight, `${l.node} has an activation and a weight`);
    }
    // Each side measured on its own tensor: an 8-bit quantizer of a calibrated range keeps its error small.
    for (const side of [layer(ATTENTION_SCORES).secondActivation!, layer(ATTENTION_CONTEXT).secondActivation!]) {
      assert.ok(side.quantization.sqnrDb > 20, `${side.tensor}: ${side.quantization.sqnrDb} dB`);
      assert.ok(side.accumulated.sqnrDb > 10, `${side.tensor}: ${side.accumulated.sqnrDb} dB accumulated`);
    }
  });
});
