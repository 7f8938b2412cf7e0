/**
 * The blocked-convolution lowering computes what ONNX Runtime's plain Conv computes, on every layout it
 * takes (dense from blocked or from plain input, depthwise, channel counts off the block, stride,
 * dilation, asymmetric pads, bias), leaves alone what it cannot run, and a whole training step gives
 * the same loss and gradients with and without it.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { encodeModel } from '../../../engine/onnx/protoCodec.ts';
import { lowerToBlockedConvolutions, NCHWC_DOMAIN, nchwcBlockSize } from '../../../engine/runtime/blockedConvolutions.ts';
import { ortSessionOptions } from '../../../engine/runtime/session.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { largestDifference } from '../../support/largestDifference.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { buildQatKdGraph, qatKdFeeds } from '../../../bench/distqStep.ts';
import { TrainStepSession } from '../../../engine/training/trainStep.ts';

interface ConvCase {
  name: string;
  input: [number, number, number, number];
  filter: [number, number, number, number];
  attributes: Attributes;
  bias?: boolean;
  /** The filter is a constant initializer, not computed by the graph. */
  constantFilter?: boolean;
}

function convModel(c: ConvCase): { model: Model; feeds: Record<string, ort.Tensor> } {
  const random = new SeededRandom(c.input.reduce((a, b) => a * 7 + b, 1));
  const values = (count: number): Float32Array => Float32Array.from({ length: count }, () => random.normal());
  const filterValues = values(c.filter.reduce((a, b) => a * b, 1));
  const inputs = [makeValueInfo('x', DataType.FLOAT, c.input)];
  const feeds: Record<string, ort.Tensor> = { x: new ort.Tensor('float32', values(c.input.reduce((a, b) => a * b, 1)), c.input) };
  const initializers = [];
  if (c.constantFilter) {
    initializers.push(makeTensor('w', DataType.FLOAT, c.filter, filterValues));
  } else {
    inputs.push(makeValueInfo('w', DataType.FLOAT, c.filter));
    feeds.w = new ort.Tensor('float32', filterValues, c.filter);
  }
  if (c.bias) {
    inputs.push(makeValueInfo('b', DataType.FLOAT, [c.filter[0]]));
    feeds.b = new ort.Tensor('float32', values(c.filter[0]), [c.filter[0]]);
  }
  const conv = makeNode('Conv', c.bias ? ['x', 'w', 'b'] : ['x', 'w'], ['y'], 'conv', c.attributes);
  return { model: makeModel(makeGraph(c.name, [conv], inputs, [makeValueInfo('y', DataType.FLOAT)], initializers)), feeds };
}

async function outputOf(model: Model, feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(encodeModel(model), ortSessionOptions());
  const { y } = await session.run(feeds);
  await session.release();
  return y!.data as Float32Array;
}


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
      const { model, feeds } = convModel(c);
      const blocked = lowerToBlockedConvolutions(model, block);
      assert.equal(blockedConvs(blocked), 1, 'the Conv runs on the blocked kernel');
      assert.equal(model.graph.nodes.length, 1, 'the original model is unchanged');
      const expected = await outputOf(model, feeds);
      const actual = await outputOf(blocked, feeds);
      assert.equal(actual.length, expected.length);
      const { worst, scale } = largestDifference(expected, actual);
      assert.ok(worst <= 1e-5 * scale, `largest difference ${worst} (largest value ${scale})`);
    });
  }

  for (const c of leftAlone) {
    it(`${c.name}: left to ONNX Runtime's Conv`, async () => {
      const { model } = convModel(c);
      assert.equal(lowerToBlockedConvolutions(model, (await nchwcBlockSize())!), model);
    });
  }

  it('a QAT + KD training step of the MNIST CNN gives the same loss and gradients either way', async () => {
    const { model, graph, activations } = buildQatKdGraph(MNIST_CNN);
    const block = (await nchwcBlockSize())!;
    assert.ok(blockedConvs(lowerToBlockedConvolutions(graph.model, block)) >= 2, 'the forward convolution and the input gradient of conv2 are lowered');
    const feeds = qatKdFeeds(16, activations);
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
