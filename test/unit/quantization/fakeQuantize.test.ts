/** FakeQuantize: values against an independent computation and against ONNX Runtime's own QDQ; the STE mask. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, GraphBuilder } from '../../../engine/onnx/builder.ts';
import { DISTQ_OP_DOMAIN } from '../../../engine/onnx/shapes/registry.ts';
import { lowerFakeQuantize } from '../../../engine/quantization/lowerFakeQuantize.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';
import { createSession } from '../../../engine/runtime/session.ts';

/** round half to even, as QuantizeLinear rounds */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const x = [-7.3, -6.35, -0.25, -0.05, 0, 0.05, 0.15, 0.25, 0.35, 1.0, 6.3, 6.35, 6.45, 20];
const scale = 0.1;

/** `zeroPointFed`: z is a scalar graph input, as an activation's trained zero point is, instead of a constant. */
async function fakeQuantGraph(values: number[], qmin: number, qmax: number, zeroPoint: number, withGradient: boolean, zeroPointFed = false) {
  const inputs = [makeValueInfo('x', DataType.FLOAT, [values.length]), ...(zeroPointFed ? [makeValueInfo('z', DataType.FLOAT, [])] : [])];
  const constants = [makeTensor('s', DataType.FLOAT, [], Float32Array.from([scale])), ...(zeroPointFed ? [] : [makeTensor('z', DataType.FLOAT, [], Float32Array.from([zeroPoint]))])];
  const graph = makeGraph('fq', [makeNode('FakeQuantize', ['x', 's', 'z'], ['y', 'mask'], 'fq', { qmin: attr.int(qmin), qmax: attr.int(qmax) }, DISTQ_OP_DOMAIN)],
    inputs, [makeValueInfo('y', DataType.FLOAT, [values.length])], constants);
  const model = makeModel(graph, [{ domain: '', version: 17 }, { domain: DISTQ_OP_DOMAIN, version: 1 }]);
  if (withGradient) {
    const builder = new GraphBuilder(graph, 'loss');
    const loss = builder.op('ReduceSum', [builder.op('Mul', ['y', builder.floatConstant('w', values.map((_, i) => i + 1), [values.length])])], { keepdims: attr.int(0) });
    const { gradients } = buildGradientGraph(graph, { loss, parameters: ['x'], opset: 17 });
    graph.outputs.push(makeValueInfo(gradients.get('x')!, DataType.FLOAT));
  }
  lowerFakeQuantize(model);
  const session = await createSession(model);
  const feeds: Record<string, ort.Tensor> = { x: new ort.Tensor('float32', Float32Array.from(values), [values.length]) };
  if (zeroPointFed) feeds.z = new ort.Tensor('float32', Float32Array.from([zeroPoint]), []);
  const out = await session.run(feeds);
  return graph.outputs.map((o) => Array.from(out[o.name]!.data as Float32Array));
}

describe('fake quantization', () => {
  for (const [qmin, qmax, zeroPoint] of [[-128, 127, 0], [-127, 127, 0], [-8, 7, 0], [0, 255, 60], [-128, 127, -3]] as const) {
    it(`equals (clip(round(x/s)+z, ${qmin}, ${qmax}) − z)·s computed independently (zero point ${zeroPoint})`, async () => {
      const [y] = await fakeQuantGraph(x, qmin, qmax, zeroPoint, false);
      const expected = x.map((v) => (Math.min(qmax, Math.max(qmin, roundHalfEven(Math.fround(v / scale)) + zeroPoint)) - zeroPoint) * scale);
      y!.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-6, `x=${x[i]}: ${v} vs ${expected[i]}`));
    });
  }

  it('agrees with ONNX Runtime QuantizeLinear → DequantizeLinear for int8', async () => {
    const graph = makeGraph('qdq', [makeNode('QuantizeLinear', ['x', 's', 'z'], ['q'], 'q'), makeNode('DequantizeLinear', ['q', 's', 'z'], ['y'], 'dq')],
      [makeValueInfo('x', DataType.FLOAT, [x.length])], [makeValueInfo('y', DataType.FLOAT, [x.length])],
      [makeTensor('s', DataType.FLOAT, [], Float32Array.from([scale])), makeTensor('z', DataType.INT8, [], Int8Array.from([5]))]);
    const session = await createSession(makeModel(graph));
    const reference = Array.from((await session.run({ x: new ort.Tensor('float32', Float32Array.from(x), [x.length]) })).y!.data as Float32Array);
    const [y] = await fakeQuantGraph(x, -128, 127, 5, false);
    // The same numbers; the float formulation may give −0 where integers give 0 (x/s rounding to −0).
    assert.deepEqual(y!.map((v) => v + 0), reference);
  });

  for (const [qmin, qmax, zeroPoint] of [[-64, 63, 0], [0, 255, 60], [-128, 127, -3], [-8, 7, 2]] as const) {
    it(`passes gradients straight through inside the clipping range and blocks them outside (${qmin}..${qmax}, zero point ${zeroPoint})`, async () => {
      const [, gradient] = await fakeQuantGraph(x, qmin, qmax, zeroPoint, true);
      // In range: round(x/s) + z within [qmin, qmax], the bounds included.
      const expected = x.map((v, i) => {
        const q = roundHalfEven(Math.fround(v / scale)) + zeroPoint;
        return q >= qmin && q <= qmax ? i + 1 : 0;
      });
      assert.deepEqual(gradient, expected);
    });
  }

  for (const [qmin, qmax, zeroPoint] of [[0, 255, 60], [-128, 127, -3], [-8, 7, 2]] as const) {
    it(`with the zero point fed as an input, values and straight-through gradient as with a constant one (${qmin}..${qmax}, zero point ${zeroPoint})`, async () => {
      const values = [...x, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
      const [y, gradient] = await fakeQuantGraph(values, qmin, qmax, zeroPoint, true, true);
      x.forEach((v, i) => {
        const q = roundHalfEven(Math.fround(v / scale)) + zeroPoint;
        const expected = (Math.min(qmax, Math.max(qmin, q)) - zeroPoint) * scale;
        assert.ok(Math.abs(y![i]! - expected) < 1e-6, `x=${v}: ${y![i]} vs ${expected}`);
        assert.equal(gradient![i], q >= qmin && q <= qmax ? i + 1 : 0, `x=${v}: gradient`);
      });
      // NaN and ±∞ are outside every clipping range: no gradient passes.
      assert.deepEqual(gradient!.slice(x.length), [0, 0, 0]);
      assert.deepEqual(y!.slice(x.length + 1).map((v) => Math.round(v / scale)), [qmax - zeroPoint, qmin - zeroPoint], '±∞ clip to the range ends');
    });
  }

  it('clips per channel when the zero point differs between channels', async () => {
    const rows = 2;
    const graph = makeGraph('fq', [makeNode('FakeQuantize', ['x', 's', 'z'], ['y', 'mask'], 'fq', { qmin: attr.int(-8), qmax: attr.int(7) }, DISTQ_OP_DOMAIN)],
      [makeValueInfo('x', DataType.FLOAT, [rows, x.length])], [makeValueInfo('y', DataType.FLOAT, [rows, x.length]), makeValueInfo('mask', DataType.BOOL, [rows, x.length])],
      [makeTensor('s', DataType.FLOAT, [], Float32Array.from([scale])), makeTensor('z', DataType.FLOAT, [rows, 1], Float32Array.from([0, 5]))]);
    const model = makeModel(graph, [{ domain: '', version: 17 }, { domain: DISTQ_OP_DOMAIN, version: 1 }]);
    lowerFakeQuantize(model);
    const session = await createSession(model);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([...x, ...x]), [rows, x.length]) });
    const y = Array.from(out.y!.data as Float32Array);
    const mask = Array.from(out.mask!.data as Uint8Array, Boolean);
    [0, 5].forEach((zeroPoint, row) => x.forEach((v, i) => {
      const q = roundHalfEven(Math.fround(v / scale)) + zeroPoint;
      const expected = (Math.min(7, Math.max(-8, q)) - zeroPoint) * scale;
      assert.ok(Math.abs(y[row * x.length + i]! - expected) < 1e-6, `row ${row}, x=${v}: ${y[row * x.length + i]} vs ${expected}`);
      assert.equal(mask[row * x.length + i], q >= -8 && q <= 7, `row ${row}, x=${v}: mask`);
    }));
  });
});
