/**
 * A weight's fake quantization lowered to QuantizeLinear → DequantizeLinear (engine/quantization/
 * lowerFakeQuantize.ts) gives the numbers of the Div, Round, Clip, Mul lowering bit for bit (up to
 * the sign of zero), per
 * channel on either axis, per tensor, at 8 and 4 bits and on values halfway between two levels; and a
 * NaN weight still makes its channel NaN.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { DISTQ_OP_DOMAIN } from '../../../engine/onnx/shapes/registry.ts';
import { FAKE_QUANTIZE_AXIS_ATTRIBUTE, lowerFakeQuantize } from '../../../engine/quantization/lowerFakeQuantize.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

interface WeightCase {
  label: string;
  dims: number[];
  /** The per-channel axis; undefined for one scale. */
  axis?: number;
  qmin: number;
  qmax: number;
  /** Values k + ½ levels from 0 instead of random ones. */
  halfway?: boolean;
}

const cases: WeightCase[] = [
  { label: 'Conv filter, per output channel, int8', dims: [6, 3, 3, 3], axis: 0, qmin: -128, qmax: 127 },
  { label: 'MatMul weight, per column (axis 1), narrow int8', dims: [5, 7], axis: 1, qmin: -127, qmax: 127 },
  { label: 'one scale, int8', dims: [4, 9], qmin: -128, qmax: 127 },
  { label: 'per channel, int4', dims: [4, 2, 3, 3], axis: 0, qmin: -8, qmax: 7 },
  { label: 'values halfway between levels (round half to even)', dims: [3, 16], axis: 0, qmin: -128, qmax: 127, halfway: true },
];

/** Weights and the scale a max|W| weight scheme gives them (the range covers every weight). */
function weightsAndScale(c: WeightCase): { weights: Float32Array; scale: Float32Array; scaleDims: number[] } {
  const random = new SeededRandom(7);
  const count = c.dims.reduce((a, b) => a * b, 1);
  const channels = c.axis === undefined ? 1 : c.dims[c.axis]!;
  const scaleDims = c.dims.map((d, i) => (i === c.axis ? d : 1));
  const scale = Float32Array.from({ length: channels }, (_, i) => 0.01 * (i + 1));
  const inner = c.dims.slice((c.axis ?? 0) + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number): number => (c.axis === undefined ? 0 : Math.floor(i / inner) % channels);
  const weights = Float32Array.from({ length: count }, (_, i) => {
    const s = scale[channelOf(i)]!;
    // Halfway values: ±(k + ½)·s for k below qmax, so the rounding decides the level.
    if (c.halfway) return Math.fround((i % 2 === 0 ? 1 : -1) * ((i % (c.qmax - 1)) + 0.5) * s);
    return Math.fround((random.next() * 2 - 1) * c.qmax * s);
  });
  return { weights, scale, scaleDims };
}

/** `withMask`: the node also writes the clipping mask, as an activation's does, which keeps the float lowering. */
async function lowered(c: WeightCase, withMask: boolean, weights: Float32Array, scale: Float32Array, scaleDims: number[]): Promise<{ y: Float32Array; opTypes: string[] }> {
  const attributes: Attributes = { qmin: attr.int(c.qmin), qmax: attr.int(c.qmax) };
  if (c.axis !== undefined) attributes[FAKE_QUANTIZE_AXIS_ATTRIBUTE] = attr.int(c.axis);
  const graph = makeGraph('weight', [makeNode('FakeQuantize', ['w', 's', 'z'], withMask ? ['y', 'mask'] : ['y'], 'fq', attributes, DISTQ_OP_DOMAIN)],
    [makeValueInfo('w', DataType.FLOAT, c.dims), makeValueInfo('s', DataType.FLOAT, scaleDims)],
    [makeValueInfo('y', DataType.FLOAT, c.dims)], [makeTensor('z', DataType.FLOAT, [], Float32Array.of(0))]);
  const model = makeModel(graph, [{ domain: '', version: 17 }, { domain: DISTQ_OP_DOMAIN, version: 1 }]);
  lowerFakeQuantize(model);
  const session = await createSession(model);
  const out = await session.run({ w: new ort.Tensor('float32', weights, c.dims), s: new ort.Tensor('float32', scale, scaleDims) });
  await session.release();
  return { y: out.y!.data as Float32Array, opTypes: model.graph.nodes.map((n) => n.opType) };
}

describe('weight fake quantization as QuantizeLinear → DequantizeLinear', () => {
  for (const c of cases) {
    it(`${c.label}: the same bits as Div, Round, Clip, Mul`, async () => {
      const { weights, scale, scaleDims } = weightsAndScale(c);
      const integer = await lowered(c, false, weights, scale, scaleDims);
      const float = await lowered(c, true, weights, scale, scaleDims);
      assert.ok(integer.opTypes.includes('QuantizeLinear') && !integer.opTypes.includes('Round'), integer.opTypes.join(' '));
      assert.ok(float.opTypes.includes('Round') && !float.opTypes.includes('QuantizeLinear'), float.opTypes.join(' '));
      // Equal bits, but for the sign of zero: DequantizeLinear gives 0 · s = +0 where Round gave −0.
      const bits = (y: Float32Array): Uint32Array => new Uint32Array(Float32Array.from(y, (v) => v + 0).buffer);
      assert.deepEqual(bits(integer.y), bits(float.y));
      // Not a vacuous comparison: several levels, not all zero.
      assert.ok(new Set(integer.y).size > 4);
    });
  }

  it('a NaN weight makes its channel NaN, and leaves the other channels as they were', async () => {
    const c = cases[0]!;
    const { weights, scale, scaleDims } = weightsAndScale(c);
    const clean = await lowered(c, false, weights, scale, scaleDims);
    const perChannel = weights.length / c.dims[0]!;
    weights[2 * perChannel + 5] = NaN; // channel 2, not its first value
    const { y } = await lowered(c, false, weights, scale, scaleDims);
    for (let i = 0; i < y.length; i++) {
      if (Math.floor(i / perChannel) === 2) assert.ok(Number.isNaN(y[i]), `index ${i} is ${y[i]}`);
      else assert.equal(y[i], clean.y[i]);
    }
  });

  it('keeps Div, Round, Clip, Mul where the node has a mask, or a zero point other than 0', async () => {
    const graph = makeGraph('activation', [
      makeNode('FakeQuantize', ['x', 's', 'z'], ['y', 'mask'], 'masked', { qmin: attr.int(-128), qmax: attr.int(127) }, DISTQ_OP_DOMAIN),
      makeNode('FakeQuantize', ['x', 's', 'z3'], ['y3'], 'shifted', { qmin: attr.int(-128), qmax: attr.int(127) }, DISTQ_OP_DOMAIN),
    ], [makeValueInfo('x', DataType.FLOAT, [4])], [makeValueInfo('y', DataType.FLOAT, [4]), makeValueInfo('y3', DataType.FLOAT, [4])],
    [makeTensor('s', DataType.FLOAT, [], Float32Array.of(0.5)), makeTensor('z', DataType.FLOAT, [], Float32Array.of(0)), makeTensor('z3', DataType.FLOAT, [], Float32Array.of(3))]);
    const model = makeModel(graph, [{ domain: '', version: 17 }, { domain: DISTQ_OP_DOMAIN, version: 1 }]);
    lowerFakeQuantize(model);
    const opTypes = model.graph.nodes.map((n) => n.opType);
    assert.equal(opTypes.filter((t) => t === 'Round').length, 2);
    assert.ok(!opTypes.includes('QuantizeLinear'));
  });
});
