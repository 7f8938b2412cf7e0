/**
 * LSQ: the gradient of com.distq.FakeQuantize with respect to its scale, against an independent
 * JavaScript computation (exact where no sum is involved) and against torch autograd of LSQ's
 * standard formulation (test/fixtures/quantization/make_quantization_reference.py).
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, GraphBuilder, makeGraph, makeModel, makeNode, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DISTQ_OP_DOMAIN } from '../../../engine/onnx/shapes/registry.ts';
import { lowerFakeQuantize } from '../../../engine/quantization/lowerFakeQuantize.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import { LSQ_GRAD_SCALE_ATTRIBUTE, lsqGradientScale, setLsqGradientScale } from '../../../engine/quantization/lsqGradientScale.ts';
import { roundHalfToEven } from '../../../engine/quantization/scheme.ts';

interface LsqCase {
  x: number[];
  xDims: number[];
  scale: number[];
  scaleDims: number[];
  zeroPoint: number;
  qmin: number;
  qmax: number;
  /** dY: the loss is Σ y · weights. */
  weights: number[];
  gradScale?: number;
  withMask?: boolean;
  parameters?: string[];
}

interface LsqRun {
  y: number[];
  gradients: Map<string, number[]>;
  opTypes: string[];
}

async function runLsq(testCase: LsqCase): Promise<LsqRun> {
  const attributes: Attributes = { qmin: attr.int(testCase.qmin), qmax: attr.int(testCase.qmax) };
  if (testCase.gradScale !== undefined) attributes[LSQ_GRAD_SCALE_ATTRIBUTE] = attr.float(testCase.gradScale);
  const outputs = testCase.withMask === false ? ['y'] : ['y', 'mask'];
  const graph = makeGraph('lsq', [makeNode('FakeQuantize', ['x', 's', 'z'], outputs, 'fq', attributes, DISTQ_OP_DOMAIN)],
    [makeValueInfo('x', DataType.FLOAT, testCase.xDims), makeValueInfo('s', DataType.FLOAT, testCase.scaleDims), makeValueInfo('z', DataType.FLOAT, [])],
    [makeValueInfo('y', DataType.FLOAT, testCase.xDims)]);
  const model = makeModel(graph, [{ domain: '', version: 17 }, { domain: DISTQ_OP_DOMAIN, version: 1 }]);
  const builder = new GraphBuilder(graph, 'loss');
  const loss = builder.op('ReduceSum', [builder.op('Mul', ['y', builder.floatConstant('w', testCase.weights, testCase.xDims)])], { keepdims: attr.int(0) });
  const { gradients } = buildGradientGraph(graph, { loss, parameters: testCase.parameters ?? ['x', 's', 'z'], opset: 17 });
  const opTypes = graph.nodes.map((n) => n.opType);
  for (const name of gradients.values()) graph.outputs.push(makeValueInfo(name, DataType.FLOAT));
  lowerFakeQuantize(model);
  const session = await createSession(model);
  const out = await session.run({
    x: new ort.Tensor('float32', Float32Array.from(testCase.x), testCase.xDims),
    s: new ort.Tensor('float32', Float32Array.from(testCase.scale), testCase.scaleDims),
    z: new ort.Tensor('float32', Float32Array.from([testCase.zeroPoint]), []),
  });
  const values = (name: string): number[] => Array.from(out[name]!.data as Float32Array);
  return { y: values('y'), gradients: new Map([...gradients].map(([p, g]) => [p, values(g)])), opTypes };
}

/** −0 and 0 are the same gradient (dY = −1 times a zero slope gives −0). */
const withoutSignedZero = (v: number): number => v + 0;

/** Independent LSQ slope in float32: round(v) − v inside, qmin − z / qmax − z outside. */
function slope(x: number, s: number, z: number, qmin: number, qmax: number): number {
  const v = Math.fround(x / s);
  const rounded = roundHalfToEven(v);
  const q = rounded + z;
  if (q < qmin) return qmin - z;
  if (q > qmax) return qmax - z;
  return Math.fround(rounded - v);
}

/** Per-channel (scale's first axis) or per-tensor sums of dY · g · slope, in float64. */
function expectedScaleGradient(c: LsqCase): number[] {
  const sums = new Array<number>(c.scale.length).fill(0);
  const perChannel = c.x.length / c.scale.length;
  c.x.forEach((x, i) => {
    const channel = c.scale.length === 1 ? 0 : Math.floor(i / perChannel);
    sums[channel]! += c.weights[i]! * (c.gradScale ?? 1) * slope(x, c.scale[channel]!, c.zeroPoint, c.qmin, c.qmax);
  });
  return sums;
}

describe('LSQ gradient of FakeQuantize with respect to its scale', () => {
  // One scale per element (no sum), scales that are powers of two: every value is exact.
  // qmin −8, qmax 7, z 1. Rows: tie 2.5 → 2, tie 3.5 → 4, q = qmax (inside), above, below, q = qmin (inside), plain inside, zero.
  const exact: LsqCase = {
    x: [1.25, 1.75, 3.0, 3.3, -5.0, -2.25, 0.3, 0],
    xDims: [8, 1],
    scale: [0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.125, 1],
    scaleDims: [8, 1],
    zeroPoint: 1,
    qmin: -8,
    qmax: 7,
    weights: [1, -2, 3, 0.5, 2, -1, 4, 1],
    gradScale: 0.25,
  };

  it('equals dY·g·(round(v) − v) inside the range and dY·g·(qmin − z) or dY·g·(qmax − z) outside, exactly', async () => {
    const { gradients } = await runLsq(exact);
    // v: 2.5, 3.5, 6, 6.6, −10, −9, 2.4, 0 → slope: −0.5, 0.5, 0, 6 (above), −9 (below), 0 (q = −8 = qmin), round(2.4) − 2.4, 0.
    const v = Math.fround(0.3 / 0.125);
    const slopes = [-0.5, 0.5, 0, 6, -9, 0, Math.fround(2 - v), 0];
    const expected = slopes.map((s, i) => Math.fround(Math.fround(exact.weights[i]! * s) * 0.25));
    assert.deepEqual(gradients.get('s'), expected);
    assert.deepEqual(gradients.get('s')!.map(withoutSignedZero), expectedScaleGradient(exact).map(Math.fround));
  });

  it('uses g = 1 when the node has no lsqGradScale attribute', async () => {
    const { gradients } = await runLsq({ ...exact, gradScale: undefined });
    assert.deepEqual(gradients.get('s')!.map(withoutSignedZero), expectedScaleGradient({ ...exact, gradScale: undefined }).map(Math.fround));
    assert.equal(gradients.get('s')![3], 0.5 * 6);
  });

  it('gives the zero point no gradient and keeps the straight-through gradient of x', async () => {
    const { gradients } = await runLsq(exact);
    assert.equal(gradients.has('z'), false);
    // Masked to the range: rows 3 (above) and 4 (below) get nothing.
    assert.deepEqual(gradients.get('x'), [1, -2, 3, 0, 0, -1, 4, 1]);
  });

  it('sums over the tensor for a per-tensor scale, with or without a mask output', async () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.fround(Math.sin(i * 1.7) * 4 + 0.013 * i));
    const perTensor: LsqCase = { x, xDims: [5, 8], scale: [0.1], scaleDims: [], zeroPoint: -3, qmin: -32, qmax: 31, weights: x.map((_, i) => Math.cos(i)), gradScale: lsqGradientScale(40, 31) };
    const [expected] = expectedScaleGradient(perTensor);
    const bound = 1e-6 * perTensor.weights.reduce((a, w) => a + Math.abs(w), 0);
    for (const withMask of [true, false]) {
      const { gradients } = await runLsq({ ...perTensor, withMask });
      const [actual] = gradients.get('s')!;
      assert.ok(Math.abs(actual! - expected!) <= bound, `mask ${withMask}: ${actual} vs ${expected}`);
    }
    // Some values are clipped on each side, so all three branches are in the sum.
    const qs = x.map((v) => roundHalfToEven(Math.fround(v / 0.1)) - 3);
    assert.ok(qs.some((q) => q < -32) && qs.some((q) => q > 31) && qs.some((q) => q >= -32 && q <= 31));
  });

  it('emits no scale gradient when the scale is not trained', async () => {
    const { gradients, opTypes } = await runLsq({ ...exact, parameters: ['x'] });
    assert.equal(gradients.has('s'), false);
    assert.equal(opTypes.includes('Where'), false);
  });

  it('computes g = 1/√(N·qmax) and sets it on a node', () => {
    assert.equal(lsqGradientScale(128 * 64, 255), 1 / Math.sqrt(128 * 64 * 255));
    assert.throws(() => lsqGradientScale(0, 127), RangeError);
    const node = makeNode('FakeQuantize', ['x', 's', 'z'], ['y'], 'fq', {}, DISTQ_OP_DOMAIN);
    setLsqGradientScale(node, 0.125);
    assert.deepEqual(node.attributes.get(LSQ_GRAD_SCALE_ATTRIBUTE), { kind: 'float', value: 0.125 });
    assert.throws(() => setLsqGradientScale(node, -1), RangeError);
  });

  interface TorchLsqCase {
    name: string;
    xDims: number[];
    x: number[];
    scaleDims: number[];
    scale: number[];
    zeroPoint: number;
    qmin: number;
    qmax: number;
    lsqGradScale: number;
    weights: number[];
    y: number[];
    gradX: number[];
    gradScale: number[];
  }
  const reference = JSON.parse(fs.readFileSync(new URL('../../fixtures/quantization/reference.json', import.meta.url), 'utf8')) as { lsq: TorchLsqCase[] };

  for (const c of reference.lsq) {
    it(`agrees with torch autograd of LSQ's formulation: ${c.name}`, async () => {
      const testCase: LsqCase = { ...c, gradScale: c.lsqGradScale };
      const { y, gradients } = await runLsq(testCase);
      y.forEach((v, i) => assert.ok(Math.abs(v - c.y[i]!) <= 1e-6 * (1 + Math.abs(c.y[i]!)), `y[${i}]: ${v} vs ${c.y[i]}`));
      gradients.get('x')!.forEach((v, i) => assert.ok(Math.abs(v - c.gradX[i]!) <= 1e-6, `dx[${i}]: ${v} vs ${c.gradX[i]}`));
      const perChannel = c.x.length / c.scale.length;
      const ds = gradients.get('s')!;
      assert.equal(ds.length, c.scale.length);
      ds.forEach((v, channel) => {
        const magnitude = c.weights.slice(channel * perChannel, (channel + 1) * perChannel).reduce((a, w) => a + Math.abs(w), 0) * c.lsqGradScale * (c.qmax - c.qmin);
        assert.ok(Math.abs(v - c.gradScale[channel]!) <= 1e-6 * magnitude, `ds[${channel}]: ${v} vs torch ${c.gradScale[channel]}`);
      });
      // The JavaScript reference agrees with torch too (a check on the fixture itself).
      expectedScaleGradient(testCase).forEach((v, channel) => assert.ok(Math.abs(v - c.gradScale[channel]!) <= 1e-9 + 1e-6 * Math.abs(v)));
    });
  }
});
