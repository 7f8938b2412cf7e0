/** Per-layer quantization error report on a small CNN: structure, consistency, and a badly scaled layer. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { MNIST_SMALL_CNN } from '../../../engine/models/mnistModels.ts';
import { computeLayerErrors } from '../../../engine/analysis/layerErrors.ts';
import type { LayerErrorReport } from '../../../contracts/layerErrorReport.ts';
import { errorMetrics } from '../../../engine/analysis/errorMetrics.ts';
import { dequantizeWeight, quantizeWeightPerChannel } from '../../../engine/quantization/exportWeights.ts';
import type { QdqExportPlan } from '../../../engine/quantization/exportPlan.ts';
import { planFromCalibration, randomBatch } from './qdqFixtures.ts';

const model = buildSequentialModel(MNIST_SMALL_CNN);
const batches = [randomBatch(16, MNIST_SMALL_CNN.inputShape, 3), randomBatch(16, MNIST_SMALL_CNN.inputShape, 4)];

async function report(plan: QdqExportPlan): Promise<LayerErrorReport> {
  return computeLayerErrors(model, plan, batches, { bins: 32 });
}

describe('per-layer quantization error', () => {
  it('lists every quantized layer in graph order with its tensors, scales and metrics, as plain JSON', async () => {
    const plan = await planFromCalibration(model, batches);
    const result = await report(plan);
    assert.deepEqual(result.layers.map((l) => [l.node, l.opType, l.activation?.tensor, l.weight?.tensor]), [
      ['conv1', 'Conv', 'input', 'conv1.weight'],
      ['conv2', 'Conv', 'maxpool1_out', 'conv2.weight'],
      ['linear1', 'Gemm', 'flatten1_out', 'linear1.weight'],
      ['linear2', 'Gemm', 'relu3_out', 'linear2.weight'],
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    assert.equal(result.batches, 2);
    for (const layer of result.layers) {
      const activation = layer.activation!;
      const planned = plan.activations.find((a) => a.tensor === activation.tensor)!;
      assert.equal(activation.scale, planned.scale);
      assert.equal(activation.zeroPoint, planned.zeroPoint);
      assert.equal(activation.histogram.edges.length, 33);
      const total = activation.histogram.float.reduce((a, b) => a + b, 0);
      assert.equal(total, activation.quantization.count);
      assert.equal(activation.histogram.dequantized.reduce((a, b) => a + b, 0), total);
      assert.ok(activation.quantization.sqnrDb > 20 && activation.quantization.cosineSimilarity > 0.99, `${layer.node}: ${JSON.stringify(activation.quantization)}`);
      assert.ok(activation.quantization.maxAbsError <= activation.scale / 2 + 1e-7, `${layer.node}: in-range rounding error is at most half a step`);
      assert.equal(layer.weight!.scales.length, model.graph.initializers.get(layer.weight!.tensor)!.dims[0]);
      assert.equal(layer.weight!.zeroPoint, 0);
    }
    // Nothing is quantized upstream of the input, so both comparisons agree there.
    const first = result.layers[0]!.activation!;
    assert.deepEqual(first.accumulated, first.quantization);
    // Deeper layers carry the error of everything before them.
    const last = result.layers[3]!.activation!;
    assert.ok(last.accumulated.sqnrDb < last.quantization.sqnrDb, `accumulated ${last.accumulated.sqnrDb} dB vs own ${last.quantization.sqnrDb} dB`);
  });

  it('computes the weight error from W and q·s per channel', async () => {
    const result = await report(await planFromCalibration(model, batches));
    const layer = result.layers[1]!;
    const weight = model.graph.initializers.get('conv2.weight')!;
    const dequantized = dequantizeWeight(quantizeWeightPerChannel(weight, 0, -127, 127), weight.dims, 0);
    assert.deepEqual(layer.weight!.metrics, errorMetrics(weight.data as Float32Array, dequantized));
    assert.ok(layer.weight!.metrics.sqnrDb > 35, `8-bit per-channel weights: ${layer.weight!.metrics.sqnrDb} dB`);
  });

  it('shows a deliberately bad scale as a lower SQNR', async () => {
    const good = await planFromCalibration(model, batches);
    const bad = structuredClone(good);
    const target = bad.activations.find((a) => a.tensor === 'maxpool1_out')!;
    target.scale /= 8; // clips everything above an eighth of the observed range
    const [goodReport, badReport] = [await report(good), await report(bad)];
    const sqnr = (r: LayerErrorReport, node: string) => r.layers.find((l) => l.node === node)!.activation!.quantization.sqnrDb;
    assert.ok(sqnr(badReport, 'conv2') < sqnr(goodReport, 'conv2') - 10, `bad ${sqnr(badReport, 'conv2')} dB vs good ${sqnr(goodReport, 'conv2')} dB`);
    for (const other of ['conv1', 'linear1', 'linear2']) assert.ok(sqnr(badReport, 'conv2') < sqnr(badReport, other), `conv2 should be the worst layer, not ${other}`);
    // The damage shows downstream in the accumulated comparison, not upstream.
    const accumulated = (r: LayerErrorReport, node: string) => r.layers.find((l) => l.node === node)!.activation!.accumulated.sqnrDb;
    assert.equal(accumulated(badReport, 'conv1'), accumulated(goodReport, 'conv1'));
    assert.ok(accumulated(badReport, 'linear1') < accumulated(goodReport, 'linear1'));
  });
});
