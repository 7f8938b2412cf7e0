/**
 * The blocked-convolution lowering computes what ONNX Runtime's plain Conv computes, on every layout it
 * takes (dense from blocked or from plain input, depthwise, channel counts off the block, stride,
 * dilation, asymmetric pads, bias), leaves alone what it cannot run, and a whole training step gives
 * the same loss and gradients with and without it.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr } from '../../../engine/onnx/builder.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { lowerToBlockedConvolutions, NCHWC_DOMAIN, nchwcBlockSize } from '../../../engine/runtime/blockedConvolutions.ts';
import { largestDifference } from '../../support/largestDifference.ts';
import { convCaseModel, convOutput, type ConvCase } from '../../support/convCase.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { buildQatKdGraph, qatKdFeeds } from '../../../bench/distqStep.ts';
import { TrainStepSession } from '../../../engine/training/trainStep.ts';

const blockedConvs = (model: Model): number => model.graph.nodes.filter((n) => n.domain === NCHWC_DOMAIN && n.opType === 'Conv').length;

const kernel3 = { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) };
const lowered: ConvCase[] = [
  { name: 'dense, channels on the block', input: [2, 16, 9, 9], filter: [32, 16, 3, 3], attributes: kernel3 },
  { name: 'dense, channels off the block, bias', input: [2, 12, 7, 7], filter: [20, 12, 3, 3], attributes: kernel3, bias: true },
  { name: 'dense from plain input (3 channels), 7×7 stride 2', input: [2, 3, 17, 17], filter: [10, 3, 7, 7], attributes: { kernel_shape: attr.ints([7, 7]), pads: attr.ints([3, 3, 3, 3]), strides: attr.ints([2, 2]) } },
  { name: 'dense 1×1', input: [3, 64, 5, 5], filter: [72, 64, 1, 1], attributes: { kernel_shape: attr.ints([1, 1]) }, bias: true },
  { name: 'dense, dilation 2, asymmetric pads', input: [2, 8, 11, 10], filter: [16, 8, 3, 3], attributes: { kernel_shape: attr.ints([3, 3]), pads: attr.ints([2, 1, 0, 2]), dilations: attr.ints([2, 2]) } },
  { name: 'depthwise, 36 channels, stride 2, bias', input: [2, 36, 10, 10], filter: [36, 1, 3, 3], attributes: { ...kernel3, group: attr.int(36), strides: attr.ints([2, 2]) }, bias: true },
  { name: 'dense, 20 channels (padded at block 8 and at 16)', input: [2, 20, 6, 6], filter: [20, 20, 3, 3], attributes: kernel3, bias: true },
  { name: 'depthwise, 20 channels (padded at block 8 and at 16)', input: [2, 20, 6, 6], filter: [20, 1, 3, 3], attributes: { ...kernel3, group: attr.int(20) } },
  { name: '3×3 over 3×3 output positions', input: [2, 16, 3, 3], filter: [16, 16, 3, 3], attributes: kernel3 },
  { name: 'depthwise 5×5, no kernel_shape attribute', input: [2, 16, 6, 6], filter: [16, 1, 5, 5], attributes: { group: attr.int(16), pads: attr.ints([2, 2, 2, 2]) } },
];
const leftAlone: ConvCase[] = [
  { name: 'constant filter (ONNX Runtime lowers it itself)', input: [2, 16, 9, 9], filter: [32, 16, 3, 3], attributes: kernel3, constantFilter: true },
  { name: 'grouped, not depthwise', input: [2, 16, 9, 9], filter: [32, 8, 3, 3], attributes: { ...kernel3, group: attr.int(2) } },
  { name: 'depthwise with a channel multiplier', input: [2, 16, 9, 9], filter: [32, 1, 3, 3], attributes: { ...kernel3, group: attr.int(16) } },
  { name: 'auto_pad', input: [2, 16, 9, 9], filter: [32, 16, 3, 3], attributes: { kernel_shape: attr.ints([3, 3]), auto_pad: attr.string('SAME_UPPER') } },
  { name: 'one input channel, 3×3 (too little work per output)', input: [2, 1, 9, 9], filter: [8, 1, 3, 3], attributes: kernel3 },
  { name: 'input channels off the multiple of 4 the reorder needs', input: [2, 10, 9, 9], filter: [8, 10, 3, 3], attributes: kernel3 },
  { name: '3×3 over fewer than 9 output positions', input: [2, 16, 2, 2], filter: [32, 16, 3, 3], attributes: kernel3 },
  { name: '1×1 with fewer than 48 output channels', input: [2, 96, 8, 8], filter: [24, 96, 1, 1], attributes: { kernel_shape: attr.ints([1, 1]) } },
];

describe('blocked convolutions', () => {
  it('finds the blocked kernels on this machine', async () => {
    const block = await nchwcBlockSize();
    assert.ok(block === 8 || block === 16, `block size ${block}`);
  });

  for (const c of lowered) {
    it(`${c.name}: lowered, and equal to Conv`, async () => {
      const block = (await nchwcBlockSize())!;
      const { model, feeds } = convCaseModel(c, { seed: 1 });
      const blocked = lowerToBlockedConvolutions(model, block);
      assert.equal(blockedConvs(blocked), 1, 'the Conv runs on the blocked kernel');
      assert.equal(model.graph.nodes.length, 1, 'the original model is unchanged');
      const expected = (await convOutput(model, feeds)).data as Float32Array;
      const actual = (await convOutput(blocked, feeds)).data as Float32Array;
      assert.equal(actual.length, expected.length);
      const { worst, scale } = largestDifference(expected, actual);
      assert.ok(worst <= 1e-5 * scale, `largest difference ${worst} (largest value ${scale})`);
    });
  }

  for (const c of leftAlone) {
    it(`${c.name}: left to ONNX Runtime's Conv`, async () => {
      const { model } = convCaseModel(c, { seed: 1 });
      assert.equal(lowerToBlockedConvolutions(model, (await nchwcBlockSize())!), model);
    });
  }

  it('a QAT + KD training step of the MNIST CNN gives the same loss and gradients either way', async () => {
    const { model, graph, activations } = buildQatKdGraph(MNIST_CNN);
    const block = (await nchwcBlockSize())!;
    assert.ok(blockedConvs(lowerToBlockedConvolutions(graph.model, block)) >= 2, 'the forward convolution and the input gradient of conv2 are lowered');
    // A small batch: the convolutions' inputs and filters are quantized, so outputs equal in exact
    // arithmetic are common, and which of them rounds highest, so which one a MaxPool's gradient
    // reaches, or whether one near 0 passes the Relu's mask, can differ between the two kernels. At
    // batch 16 a few of 50,176 windows did, moving conv1's gradient by 1 % of its largest value.
    const feeds = qatKdFeeds(4, activations);
    const results = [];
    for (const fastConvolutions of [false, true]) {
      const step = await TrainStepSession.create(graph, model.graph.initializers, { fastConvolutions });
      results.push(await step.run(feeds));
      await step.release();
    }
    const [plain, blocked] = results as [Awaited<ReturnType<TrainStepSession['run']>>, Awaited<ReturnType<TrainStepSession['run']>>];
    assert.ok(Math.abs(plain.totalLoss - blocked.totalLoss) <= 1e-5 * Math.abs(plain.totalLoss), `loss ${plain.totalLoss} vs ${blocked.totalLoss}`);
    graph.parameters.forEach((name, i) => {
      const { worst, scale } = largestDifference(plain.gradients[i]!, blocked.gradients[i]!);
      assert.ok(worst <= 1e-4 * scale, `${name}: largest difference ${worst} (largest gradient ${scale})`);
    });
  });
});
