/**
 * The few-position convolution lowering computes what ONNX Runtime's Conv computes on every layout it
 * takes (3×3 with pads, strides, dilations, asymmetric pads, 1×1 with and without stride, bias, a
 * symbolic batch), leaves alone what it does not take, and a whole training step through a network
 * with such layers gives the same loss and gradients with and without it.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr } from '../../../engine/onnx/builder.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { lowerToGemmConvolutions } from '../../../engine/runtime/gemmConvolutions.ts';
import { largestDifference } from '../../support/largestDifference.ts';
import { convCaseModel, convOutput, type ConvCase } from '../../support/convCase.ts';
import type { SequentialSpec } from '../../../engine/models/sequentialBuilder.ts';
import { buildQatKdGraph, qatKdFeeds } from '../../../bench/distqStep.ts';
import { TrainStepSession, type StepResult } from '../../../engine/training/trainStep.ts';

const products = (model: Model): number => model.graph.nodes.filter((n) => n.opType === 'Gemm').length;
const convs = (model: Model): number => model.graph.nodes.filter((n) => n.opType === 'Conv').length;

const kernel3 = { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) };
const lowered: ConvCase[] = [
  { name: '3×3 over 2×2 positions, bias', input: [3, 24, 2, 2], filter: [40, 24, 3, 3], attributes: kernel3, bias: true },
  { name: '3×3 stride 2 from 4×4 to 2×2', input: [2, 16, 4, 4], filter: [32, 16, 3, 3], attributes: { ...kernel3, strides: attr.ints([2, 2]) } },
  { name: '1×1 over 2×2 positions', input: [3, 48, 2, 2], filter: [64, 48, 1, 1], attributes: { kernel_shape: attr.ints([1, 1]) }, bias: true },
  { name: '1×1 stride 2 from 4×4 (a shortcut)', input: [2, 16, 4, 4], filter: [32, 16, 1, 1], attributes: { kernel_shape: attr.ints([1, 1]), strides: attr.ints([2, 2]) } },
  { name: 'dilation 2, asymmetric pads, 2×1 positions', input: [2, 8, 3, 2], filter: [12, 8, 3, 3], attributes: { kernel_shape: attr.ints([3, 3]), pads: attr.ints([2, 1, 1, 2]), dilations: attr.ints([2, 2]) } },
  { name: '2×3 kernel without kernel_shape, one position', input: [4, 8, 2, 3], filter: [8, 8, 2, 3], attributes: {} },
];
const leftAlone: ConvCase[] = [
  { name: 'more than 4 positions (3×3)', input: [2, 16, 3, 3], filter: [16, 16, 3, 3], attributes: kernel3 },
  { name: 'grouped', input: [2, 16, 2, 2], filter: [32, 8, 3, 3], attributes: { ...kernel3, group: attr.int(2) } },
  { name: 'depthwise', input: [2, 16, 2, 2], filter: [16, 1, 3, 3], attributes: { ...kernel3, group: attr.int(16) } },
  { name: 'auto_pad', input: [2, 16, 2, 2], filter: [32, 16, 3, 3], attributes: { kernel_shape: attr.ints([3, 3]), auto_pad: attr.string('SAME_UPPER') } },
];

/** A network whose last two convolutions have 2×2 outputs, as resnet18's last stage at 64×64 inputs. */
const FEW_POSITIONS_CNN: SequentialSpec = {
  name: 'few_positions_cnn',
  inputShape: [1, 28, 28],
  layers: [
    { kind: 'conv', outChannels: 16, kernel: 3, stride: 2 },
    { kind: 'relu' },
    { kind: 'conv', outChannels: 24, kernel: 3, stride: 2 },
    { kind: 'relu' },
    { kind: 'maxpool', kernel: 2 },
    { kind: 'conv', outChannels: 32, kernel: 3, stride: 2 },
    { kind: 'relu' },
    { kind: 'conv', outChannels: 32, kernel: 3 },
    { kind: 'relu' },
    { kind: 'flatten' },
    { kind: 'linear', outFeatures: 10 },
  ],
};

describe('convolutions over few positions as one product', () => {
  for (const c of lowered) {
    it(`${c.name}: lowered, and equal to Conv`, async () => {
      const { model, feeds } = convCaseModel(c, { seed: 3, symbolicBatch: true });
      const gemm = lowerToGemmConvolutions(model);
      assert.equal(products(gemm), 1, 'the Conv runs as one Gemm');
      assert.equal(convs(gemm), 0, 'no Conv is left');
      assert.equal(model.graph.nodes.length, 1, 'the original model is unchanged');
      const expected = await convOutput(model, feeds);
      const actual = await convOutput(gemm, feeds);
      assert.deepEqual(actual.dims, expected.dims);
      const { worst, scale } = largestDifference(expected.data as Float32Array, actual.data as Float32Array);
      assert.ok(worst <= 1e-5 * scale, `largest difference ${worst} (largest value ${scale})`);
    });
  }

  for (const c of leftAlone) {
    it(`${c.name}: left to ONNX Runtime's Conv`, () => {
      const { model } = convCaseModel(c, { seed: 3, symbolicBatch: true });
      assert.equal(lowerToGemmConvolutions(model), model);
    });
  }

  it('a QAT + KD training step gives the same loss and gradients either way', async () => {
    const { model, graph, activations } = buildQatKdGraph(FEW_POSITIONS_CNN);
    // The last two layers' forward Convs (their input gradients are products already, engine/autodiff/rules/conv.ts).
    assert.equal(products(lowerToGemmConvolutions(graph.model)), products(graph.model) + 2, 'the 2×2 convolutions are lowered');
    const feeds = qatKdFeeds(8, activations);
    const results: StepResult[] = [];
    for (const fastConvolutions of [false, true]) {
      const step = await TrainStepSession.create(graph, model.graph.initializers, { fastConvolutions });
      results.push(await step.run(feeds));
      await step.release();
    }
    const [plain, fast] = results as [StepResult, StepResult];
    assert.ok(Math.abs(plain.totalLoss - fast.totalLoss) <= 1e-5 * Math.abs(plain.totalLoss), `loss ${plain.totalLoss} vs ${fast.totalLoss}`);
    graph.parameters.forEach((name, i) => {
      const { worst, scale } = largestDifference(plain.gradients[i]!, fast.gradients[i]!);
      assert.ok(scale > 0, `${name}: a gradient`);
      assert.ok(worst <= 1e-4 * scale, `${name}: largest difference ${worst} (largest gradient ${scale})`);
    });
  });
});
