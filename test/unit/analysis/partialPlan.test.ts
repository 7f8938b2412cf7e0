/**
 * planForNodes: the whole plan rewritten read by read gives the same model outputs as the plan as
 * placed (outputs quantized where produced, pass-through ops on their input's grid); an empty
 * selection gives the float model; one node's selection quantizes only what that node reads.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildSequentialModel, MODEL_OUTPUT } from '../../../engine/models/sequentialBuilder.ts';
import { MNIST_SMALL_CNN } from '../../../engine/models/mnistModels.ts';
import { placementExcluding, planForNodes, planForPlacement } from '../../../engine/analysis/partialPlan.ts';
import { calibratedExportPlan } from '../../../engine/quantization/calibratedExportPlan.ts';
import { buildFakeQuantReferenceModel } from '../../../engine/quantization/exportFakeQuantReference.ts';
import { collectTensors } from '../../../engine/analysis/collectTensors.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { placedPlanFromCalibration, quantizationConfig, randomBatch } from './qdqFixtures.ts';

const model = buildSequentialModel(MNIST_SMALL_CNN);
const calibration = [randomBatch(32, MNIST_SMALL_CNN.inputShape, 5)];
const evaluation = [randomBatch(32, MNIST_SMALL_CNN.inputShape, 6)];

async function logitsOf(variant: Model): Promise<Float32Array> {
  return (await collectTensors(variant, [MODEL_OUTPUT], evaluation)).get(MODEL_OUTPUT)![0]!;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('a plan restricted to some nodes', () => {
  it('selecting every node gives the placed plan\'s outputs, pass-through grids included', async () => {
    const plan = await placedPlanFromCalibration(model, calibration);
    assert.ok(plan.activations.some((a) => a.sharesRangeOf !== undefined), 'the placed plan has pass-through outputs on a shared grid');
    assert.ok(plan.activations.some((a) => a.atProducer === true), 'and outputs quantized where produced');
    const rewritten = planForNodes(model, plan, () => true);
    assert.ok(rewritten.activations.every((a) => a.atProducer === undefined && a.sharesRangeOf === undefined));
    const placed = await logitsOf(buildFakeQuantReferenceModel(model, plan));
    const perRead = await logitsOf(buildFakeQuantReferenceModel(model, rewritten));
    assert.ok(maxDifference(placed, perRead) <= 1e-5, `logits differ by ${maxDifference(placed, perRead)}`);
    assert.ok(maxDifference(placed, await logitsOf(model)) > 1e-3, 'and quantization does change the logits');
  });

  it('selecting no node gives the float model; selecting one node keeps only its weight and its reads', async () => {
    const plan = await placedPlanFromCalibration(model, calibration);
    const none = planForNodes(model, plan, () => false);
    assert.deepEqual(none, { weights: [], activations: [] });
    assert.ok(maxDifference(await logitsOf(buildFakeQuantReferenceModel(model, none)), await logitsOf(model)) === 0);

    const conv2 = planForNodes(model, plan, (node) => node === 'conv2');
    assert.deepEqual(conv2.weights.map((w) => w.node), ['conv2']);
    assert.deepEqual(conv2.activations.map((a) => [a.tensor, a.consumerInputs]), [['maxpool1_out', [{ node: 'conv2', input: 0 }]]]);
    const shared = plan.activations.find((a) => a.tensor === 'maxpool1_out')!;
    const source = plan.activations.find((a) => a.tensor === shared.sharesRangeOf)!;
    assert.equal(conv2.activations[0]!.scale, source.scale, 'a pass-through output keeps its source\'s grid');

    const allButConv2 = planForNodes(model, plan, (node) => node !== 'conv2');
    assert.ok(!allButConv2.weights.some((w) => w.node === 'conv2'));
    assert.ok(!allButConv2.activations.some((a) => (a.consumerInputs ?? []).some((read) => read.node === 'conv2')));
    assert.ok(allButConv2.activations.length > 0 && allButConv2.weights.length === plan.weights.length - 1);
  });

  it('keeps a layer in float as quantization.exclude does: the same outputs as a plan placed and calibrated with it excluded', async () => {
    const plan = await placedPlanFromCalibration(model, calibration);
    for (const node of ['conv1', 'conv2', 'linear1']) {
      const quantization = quantizationConfig({ exclude: [node] });
      const restricted = planForPlacement(model, plan, placementExcluding(model, quantizationConfig())(node));
      // Its weight stays float; its input may not (an integer producer's output is quantized for every reader).
      assert.ok(!restricted.weights.some((w) => w.node === node), `${node}'s weight stays float`);
      const excluded = await calibratedExportPlan(model, calibration, quantization);
      const expected = await logitsOf(buildFakeQuantReferenceModel(model, excluded));
      const actual = await logitsOf(buildFakeQuantReferenceModel(model, restricted));
      assert.ok(maxDifference(expected, actual) <= 1e-5, `excluding ${node}: logits differ by ${maxDifference(expected, actual)}`);
    }
  });
});
