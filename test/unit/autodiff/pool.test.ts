import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, GraphBuilder, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';
import { createSession, toOrtTensor } from '../../../engine/runtime/session.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { checkGradients } from '../../support/gradientCheck.ts';

/** Distinct values spaced `step` apart in a random order: no ties within a finite-difference step. */
function distinctValues(count: number, step: number, seed: number): number[] {
  const values = Array.from({ length: count }, (_, i) => (i - count / 2) * step);
  new SeededRandom(seed).shuffle(values);
  return values;
}

interface PoolCase {
  label: string;
  opset?: number;
  x: number[];
  attributes: Attributes;
  precision?: 'float32' | 'float64';
  withIndices?: boolean;
}

const count = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

describe('MaxPool gradient (finite differences on distinct values)', () => {
  const cases: PoolCase[] = [
    { label: '2x2 stride 2, float32 by MaxUnpool', x: [2, 3, 4, 6], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) }, precision: 'float32' },
    { label: '2x2 stride 2, float64 by the tiled first-maximum mask', x: [2, 3, 4, 6], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) } },
    { label: '2x2 stride 2 with the Indices output', x: [1, 2, 4, 4], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) }, withIndices: true },
    { label: '1-D kernel 3 stride 3 (tiled)', x: [2, 2, 9], attributes: { kernel_shape: attr.ints([3]), strides: attr.ints([3]) } },
    { label: '3x3 stride 2 overlapping, pads 1', x: [2, 2, 7, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) } },
    { label: '3x3 stride 2 overlapping, ceil_mode', x: [1, 2, 6, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), ceil_mode: attr.int(1) } },
    { label: '2x2 stride 1 with dilation 2', x: [1, 1, 5, 5], attributes: { kernel_shape: attr.ints([2, 2]), dilations: attr.ints([2, 2]) } },
    { label: 'auto_pad SAME_UPPER, 3x3 stride 2', x: [1, 2, 5, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), auto_pad: attr.string('SAME_UPPER') } },
    { label: '2x2 stride 3 (disjoint, not tiling), float64 by ScatterElements', x: [1, 2, 7, 8], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([3, 3]) } },
    { label: '2x2 stride 2 on an odd size (disjoint), float32 by MaxUnpool', x: [2, 2, 5, 7], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) }, precision: 'float32' },
    { label: '2x2 stride 2 with ceil_mode on an odd size, float32 by MaxUnpool', x: [1, 2, 5, 5], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]), ceil_mode: attr.int(1) }, precision: 'float32' },
    { label: '3x3 stride 2 overlapping, pads 1, opset 13 (window stack)', x: [2, 2, 7, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) }, precision: 'float32', opset: 13 },
    { label: '3x3 stride 2 overlapping, ceil_mode, opset 15 (window stack)', x: [1, 2, 6, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), ceil_mode: attr.int(1) }, precision: 'float32', opset: 15 },
    { label: '2x2 stride 1 with dilation 2, opset 13 (window stack)', x: [1, 1, 5, 5], attributes: { kernel_shape: attr.ints([2, 2]), dilations: attr.ints([2, 2]) }, precision: 'float32', opset: 13 },
    { label: '1-D kernel 3 stride 2, pads 1, opset 13 (window stack)', x: [2, 2, 9], attributes: { kernel_shape: attr.ints([3]), strides: attr.ints([2]), pads: attr.ints([1, 1]) }, precision: 'float32', opset: 13 },
  ];
  cases.forEach((testCase, k) => {
    it(testCase.label, async () => {
      const precision = testCase.precision ?? 'float64';
      const values = distinctValues(count(testCase.x), precision === 'float32' ? 0.05 : 0.01, k + 1);
      const report = await checkGradients({
        opType: 'MaxPool',
        inputs: [{ dims: testCase.x, values }],
        attributes: testCase.attributes,
        precision,
        totalOutputs: testCase.withIndices ? 2 : 1,
        ...(testCase.opset === undefined ? {} : { opset: testCase.opset }),
      });
      assert.ok(report.checked > 0);
    });
  });
});

/** Reference first-maximum MaxPool gradient for 2-D windows: dX[first argmax in row-major order] += dY. */
function referenceMaxPoolGradient(x: number[], dims: number[], dY: number[], kernel: number[], strides: number[], pads: number[], outputs: number[], dilations = [1, 1]): number[] {
  const [n, c, h, w] = dims as [number, number, number, number];
  const dX = new Array<number>(x.length).fill(0);
  for (let plane = 0; plane < n * c; plane++) {
    for (let oh = 0; oh < outputs[0]!; oh++) {
      for (let ow = 0; ow < outputs[1]!; ow++) {
        let best = -1;
        for (let i = 0; i < kernel[0]!; i++) {
          for (let j = 0; j < kernel[1]!; j++) {
            const row = oh * strides[0]! - pads[0]! + i * dilations[0]!;
            const column = ow * strides[1]! - pads[1]! + j * dilations[1]!;
            if (row < 0 || row >= h || column < 0 || column >= w) continue;
            const index = plane * h * w + row * w + column;
            if (best < 0 || x[index]! > x[best]!) best = index;
          }
        }
        dX[best]! += dY[(plane * outputs[0]! + oh) * outputs[1]! + ow]!;
      }
    }
  }
  return dX;
}

/** The gradient of Σ(Y·R) w.r.t. X for one pool node, run in ONNX Runtime. */
async function poolGradient(opType: string, attributes: Attributes, dims: number[], x: number[], dataType: DataType, opset = 17): Promise<{ dX: number[]; weights: number[]; outputDims: number[] }> {
  const make = (values: number[], shape: number[]) => makeTensor('', dataType, shape, dataType === DataType.DOUBLE ? Float64Array.from(values) : Float32Array.from(values));
  const graph = makeGraph('ties', [makeNode(opType, ['x'], ['y'], 'pool', attributes)], [makeValueInfo('x', dataType, dims)], []);
  const probe = await createSession(makeModel({ ...graph, nodes: [...graph.nodes], outputs: [makeValueInfo('y', dataType)] }));
  const outputDims = [...(await probe.run({ x: toOrtTensor({ ...make(x, dims) }) }))['y']!.dims];
  const weights = Array.from({ length: count(outputDims) }, (_, i) => 1 + i);
  const builder = new GraphBuilder(graph, 'loss');
  const r = builder.constant('r', make(weights, outputDims));
  const loss = builder.op('ReduceSum', [builder.op('Mul', ['y', r])], { keepdims: attr.int(0) });
  const { gradients } = buildGradientGraph(graph, { loss, parameters: ['x'], opset });
  graph.outputs = [makeValueInfo(gradients.get('x')!, dataType)];
  const session = await createSession(makeModel(graph, [{ domain: '', version: opset }]));
  const result = await session.run({ x: toOrtTensor(make(x, dims)) });
  return { dX: Array.from(result[gradients.get('x')!]!.data as Float64Array, Number), weights, outputDims };
}

describe('MaxPool gradient ties go to the first maximum (exact)', () => {
  // Quantized-looking inputs: few levels, many ties inside every window.
  const quantized = (length: number, levels: number): number[] => Array.from({ length }, (_, i) => ((i * 7) % levels) * 0.5 - (((i * 3) % 5) === 0 ? 0.5 : 0));
  const tieCases: [string, number[], number[], number[], number[], DataType, number?][] = [
    ['2x2 stride 2, float64 (tiled mask)', [1, 2, 4, 6], [2, 2], [2, 2], [0, 0, 0, 0], DataType.DOUBLE],
    ['2x2 stride 2, float32 (MaxUnpool)', [2, 1, 6, 4], [2, 2], [2, 2], [0, 0, 0, 0], DataType.FLOAT],
    ['3x3 stride 2, overlapping with pads (ScatterElements)', [1, 2, 7, 7], [3, 3], [2, 2], [1, 1, 1, 1], DataType.DOUBLE],
    ['3x3 stride 2, overlapping (ScatterElements), float32', [1, 1, 7, 9], [3, 3], [2, 2], [0, 0, 0, 0], DataType.FLOAT],
    ['2x2 stride 3, disjoint (MaxUnpool)', [1, 2, 8, 8], [2, 2], [3, 3], [0, 0, 0, 0], DataType.FLOAT],
    ['3x3 stride 2, overlapping with pads, opset 13 (window stack)', [1, 2, 7, 7], [3, 3], [2, 2], [1, 1, 1, 1], DataType.FLOAT, 13],
    ['3x3 stride 1, overlapping, opset 14 (window stack)', [2, 2, 5, 6], [3, 3], [1, 1], [0, 0, 0, 0], DataType.FLOAT, 14],
    ['2x2 stride 3, disjoint but not tiling, opset 13 (window stack)', [1, 2, 8, 8], [2, 2], [3, 3], [0, 0, 0, 0], DataType.FLOAT, 13],
  ];
  for (const [label, dims, kernel, strides, pads, dataType, opset] of tieCases) {
    it(label, async () => {
      for (const x of [new Array<number>(count(dims)).fill(0.25), quantized(count(dims), 3)]) {
        const attributes = { kernel_shape: attr.ints(kernel), strides: attr.ints(strides), pads: attr.ints(pads) };
        const { dX, weights, outputDims } = await poolGradient('MaxPool', attributes, dims, x, dataType, opset);
        assert.deepEqual(dX, referenceMaxPoolGradient(x, dims, weights, kernel, strides, pads, outputDims.slice(2)));
      }
    });
  }
  it('a window full of equal values sends its gradient only to its first element', async () => {
    const { dX } = await poolGradient('MaxPool', { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) }, [1, 1, 2, 4], new Array<number>(8).fill(1), DataType.DOUBLE);
    assert.deepEqual(dX, [1, 0, 2, 0, 0, 0, 0, 0]);
  });
  it('GlobalMaxPool sends the gradient to the first maximum of each channel', async () => {
    const x = [0, 2, 1, 2, /* channel 2 */ 3, 3, 3, 3];
    const { dX } = await poolGradient('GlobalMaxPool', {}, [1, 2, 2, 2], x, DataType.FLOAT);
    assert.deepEqual(dX, [0, 1, 0, 0, 2, 0, 0, 0]);
  });
});

describe('AveragePool gradient (finite differences, float32)', () => {
  const cases: PoolCase[] = [
    { label: '2x2 stride 2', x: [2, 3, 4, 4], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) } },
    { label: '3x3 stride 2, pads 1, count_include_pad 0', x: [1, 2, 5, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) } },
    { label: '3x3 stride 2, pads 1, count_include_pad 1', x: [1, 2, 5, 6], attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]), count_include_pad: attr.int(1) } },
    { label: 'ceil_mode, count_include_pad 0', x: [1, 1, 6, 5], attributes: { kernel_shape: attr.ints([3, 2]), strides: attr.ints([2, 2]), pads: attr.ints([0, 1, 1, 0]), ceil_mode: attr.int(1) } },
    { label: 'ceil_mode, count_include_pad 1', x: [1, 1, 6, 5], attributes: { kernel_shape: attr.ints([3, 2]), strides: attr.ints([2, 2]), pads: attr.ints([0, 1, 1, 0]), ceil_mode: attr.int(1), count_include_pad: attr.int(1) } },
    { label: 'auto_pad SAME_UPPER', x: [1, 2, 5, 5], attributes: { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]), auto_pad: attr.string('SAME_UPPER') } },
    { label: '1-D kernel 3 stride 1', x: [2, 2, 7], attributes: { kernel_shape: attr.ints([3]), pads: attr.ints([1, 1]) } },
  ];
  for (const testCase of cases) {
    it(testCase.label, async () => {
      const report = await checkGradients({ opType: 'AveragePool', inputs: [{ dims: testCase.x }], attributes: testCase.attributes, precision: 'float32' });
      assert.ok(report.checked > 0);
    });
  }
  it('GlobalAveragePool', async () => {
    await checkGradients({ opType: 'GlobalAveragePool', inputs: [{ dims: [2, 3, 3, 4] }], precision: 'float32' });
  });
  it('GlobalMaxPool on distinct values', async () => {
    await checkGradients({ opType: 'GlobalMaxPool', inputs: [{ dims: [2, 3, 3, 4], values: distinctValues(72, 0.05, 3) }], precision: 'float32' });
  });
});
