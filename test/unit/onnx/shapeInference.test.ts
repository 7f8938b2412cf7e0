import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, makeGraph, makeInt64Tensor, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType, dataTypeInfo, dataTypeName } from '../../../engine/onnx/dataType.ts';
import type { Dim, Graph, Tensor } from '../../../engine/onnx/ir.ts';
import { inferShapes } from '../../../engine/onnx/shapeInference.ts';
import { createSession, toOrtTensor } from '../../../engine/runtime/session.ts';

/** An input fed at run time (with a shape that may name symbols), or an int64 constant. */
type CaseInput = { shape: Dim[]; dataType?: DataType } | { ints: number[]; dims?: number[] } | { tensor: Tensor } | null;

interface ShapeCase {
  name: string;
  opType: string;
  inputs: CaseInput[];
  attributes?: Attributes;
  outputs?: number;
  opset?: number;
  /** Inferred output shapes (symbols kept). */
  expected: Dim[][];
}

const N = 'N';
const x = (...shape: Dim[]): CaseInput => ({ shape });
const ints = (values: number[], dims?: number[]): CaseInput => (dims ? { ints: values, dims } : { ints: values });

const cases: ShapeCase[] = [
  { name: 'Flatten axis 1 keeps the batch symbol', opType: 'Flatten', inputs: [x(N, 3, 4)], attributes: { axis: attr.int(1) }, expected: [[N, 12]] },
  { name: 'Flatten axis -1', opType: 'Flatten', inputs: [x(N, 3, 4)], attributes: { axis: attr.int(-1) }, expected: [['?', 4]] },
  { name: 'Reshape [-1, 12] recovers the batch', opType: 'Reshape', inputs: [x(N, 3, 4), ints([-1, 12])], expected: [[N, 12]] },
  { name: 'Reshape [0, -1]', opType: 'Reshape', inputs: [x(N, 3, 4), ints([0, -1])], expected: [[N, 12]] },
  { name: 'Transpose', opType: 'Transpose', inputs: [x(N, 3, 4)], attributes: { perm: attr.ints([2, 0, 1]) }, expected: [[4, N, 3]] },
  { name: 'Squeeze with axes', opType: 'Squeeze', inputs: [x(N, 1, 4, 1), ints([1, -1])], expected: [[N, 4]] },
  { name: 'Unsqueeze', opType: 'Unsqueeze', inputs: [x(N, 4), ints([-1, 1])], expected: [[N, 1, 4, 1]] },
  { name: 'Concat along axis 1', opType: 'Concat', inputs: [x(N, 2, 3), x(N, 5, 3)], attributes: { axis: attr.int(1) }, expected: [[N, 7, 3]] },
  { name: 'Slice with negative, clamped and stepped indices', opType: 'Slice', inputs: [x(N, 10, 7), ints([0, -3, 6]), ints([2 ** 62, 100, 0]), ints([0, 1, 2]), ints([1, 1, -2])], expected: [[N, 3, 3]] },
  { name: 'Slice of everything in reverse on the batch', opType: 'Slice', inputs: [x(N, 4), ints([-1]), ints([-(2 ** 62)]), ints([0]), ints([-1])], expected: [[N, 4]] },
  { name: 'Gather along axis 1 with 2-D indices', opType: 'Gather', inputs: [x(N, 5, 3), ints([0, 4, 1, 1], [2, 2])], attributes: { axis: attr.int(1) }, expected: [[N, 2, 2, 3]] },
  { name: 'Gather with a scalar index drops the axis', opType: 'Gather', inputs: [x(N, 5, 3), ints([-1], [])], attributes: { axis: attr.int(-1) }, expected: [[N, 5]] },
  { name: 'Pad with pads as input', opType: 'Pad', inputs: [x(N, 3, 4), ints([0, 1, 2, 0, 0, -1])], expected: [[N, 4, 5]] },
  { name: 'Pad with axes (opset 18)', opType: 'Pad', inputs: [x(N, 3, 4), ints([1, 2, 3, 4]), null, ints([2, 1])], opset: 18, expected: [[N, 9, 8]] },
  { name: 'Expand', opType: 'Expand', inputs: [x(N, 1, 4), ints([3, 1])], expected: [[N, 3, 4]] },
  { name: 'Tile', opType: 'Tile', inputs: [x(N, 2, 3), ints([1, 3, 2])], expected: [[N, 6, 6]] },
  { name: 'Shape with start and end (opset 15)', opType: 'Shape', inputs: [x(N, 2, 3, 5)], attributes: { start: attr.int(1), end: attr.int(-1) }, expected: [[2]] },
  { name: 'Size', opType: 'Size', inputs: [x(N, 2)], expected: [[]] },
  { name: 'Dropout with its mask', opType: 'Dropout', inputs: [x(N, 6)], outputs: 2, expected: [[N, 6], [N, 6]] },
  { name: 'Split with sizes', opType: 'Split', inputs: [x(N, 7), ints([3, 4])], attributes: { axis: attr.int(1) }, outputs: 2, expected: [[N, 3], [N, 4]] },
  { name: 'Split with num_outputs (opset 18)', opType: 'Split', inputs: [x(N, 7)], attributes: { axis: attr.int(1), num_outputs: attr.int(3) }, outputs: 3, opset: 18, expected: [[N, 3], [N, 3], [N, 1]] },
  { name: 'ConstantOfShape', opType: 'ConstantOfShape', inputs: [ints([2, 3])], expected: [[2, 3]] },
  { name: 'OneHot with axis 1', opType: 'OneHot', inputs: [{ shape: [N, 3], dataType: DataType.INT64 }, ints([5], []), { tensor: makeTensor('', DataType.FLOAT, [2], Float32Array.from([0, 1])) }], attributes: { axis: attr.int(1) }, expected: [[N, 5, 3]] },
  { name: 'Range', opType: 'Range', inputs: [ints([2], []), ints([11], []), ints([3], [])], expected: [[3]] },
  { name: 'CastLike', opType: 'CastLike', inputs: [x(N, 2), { tensor: makeTensor('', DataType.DOUBLE, [1], Float64Array.from([0])) }], expected: [[N, 2]] },
];

/** The symbols of a case bound to sizes, so that ONNX Runtime can run it. */
const BINDINGS: Record<string, number> = { N: 5 };
const bind = (shape: Dim[]): Dim[] => shape.map((d) => (typeof d === 'string' && d in BINDINGS ? BINDINGS[d]! : d));

function buildGraph(testCase: ShapeCase, symbolic: boolean): { graph: Graph; feeds: Map<string, Tensor> } {
  const graph = makeGraph(testCase.name, [], [], []);
  const feeds = new Map<string, Tensor>();
  const names = testCase.inputs.map((input, i) => {
    if (input === null) return '';
    const name = `in${i}`;
    if ('ints' in input) graph.initializers.set(name, makeInt64Tensor(name, input.ints, input.dims));
    else if ('tensor' in input) graph.initializers.set(name, { ...input.tensor, name });
    else {
      const dataType = input.dataType ?? DataType.FLOAT;
      graph.inputs.push(makeValueInfo(name, dataType, symbolic ? input.shape : bind(input.shape)));
      const dims = bind(input.shape) as number[];
      const data = dataTypeInfo(dataType).create(dims.reduce((a, b) => a * b, 1));
      feeds.set(name, { name, dataType, dims, data });
    }
    return name;
  });
  const outputs = Array.from({ length: testCase.outputs ?? 1 }, (_, i) => `out${i}`);
  graph.nodes.push(makeNode(testCase.opType, names, outputs, 'node', testCase.attributes ?? {}));
  return { graph, feeds };
}

describe('shape inference', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: symbolic shapes, and what ONNX Runtime outputs`, async () => {
      const opset = testCase.opset ?? 17;
      const symbolic = buildGraph(testCase, true);
      const inferred = inferShapes(symbolic.graph, opset);
      const outputs = symbolic.graph.nodes[0]!.outputs;
      assert.deepEqual(outputs.map((o) => inferred.get(o)?.shape), testCase.expected);

      const concrete = buildGraph(testCase, false);
      const concreteShapes = inferShapes(concrete.graph, opset);
      concrete.graph.outputs = outputs.map((o) => makeValueInfo(o, concreteShapes.get(o)!.dataType));
      const session = await createSession(makeModel(concrete.graph, [{ domain: '', version: opset }]));
      const feeds = Object.fromEntries([...concrete.feeds].map(([n, t]) => [n, toOrtTensor(t)]));
      const results = await session.run(feeds);
      await session.release();
      outputs.forEach((o, i) => {
        // An unknown dim ('?') matches whatever ONNX Runtime computed there.
        const expected = bind(testCase.expected[i]!).map((d, axis) => (d === '?' ? results[o]!.dims[axis] : d));
        assert.deepEqual(results[o]!.dims, expected, `ONNX Runtime's shape of output ${i}`);
        assert.deepEqual(results[o]!.dims, concreteShapes.get(o)!.shape, `inferred concrete shape of output ${i}`);
        assert.equal(results[o]!.type, dataTypeName(concreteShapes.get(o)!.dataType));
      });
    });
  }

  it('infers QuantizeLinear/DequantizeLinear types from the zero point and scale', () => {
    const graph = makeGraph('qdq', [
      makeNode('QuantizeLinear', ['x', 'scale', 'zero'], ['q'], 'quantize'),
      makeNode('DequantizeLinear', ['q', 'scale', 'zero'], ['y'], 'dequantize'),
    ], [makeValueInfo('x', DataType.FLOAT, [N, 3])], [], [makeTensor('scale', DataType.FLOAT, [], Float32Array.from([0.1])), makeTensor('zero', DataType.INT8, [], Int8Array.from([0]))]);
    const inferred = inferShapes(graph, 17);
    assert.deepEqual(inferred.get('q'), { name: 'q', dataType: DataType.INT8, shape: [N, 3] });
    assert.deepEqual(inferred.get('y'), { name: 'y', dataType: DataType.FLOAT, shape: [N, 3] });
  });

  it("takes DequantizeLinear's type from output_dtype when opset 23 sets it", () => {
    const graph = makeGraph('dq', [
      makeNode('DequantizeLinear', ['q', 'scale'], ['y'], 'dequantize', { output_dtype: attr.int(DataType.FLOAT16) }),
    ], [makeValueInfo('q', DataType.INT8, [N, 3])], [], [makeTensor('scale', DataType.FLOAT, [], Float32Array.from([0.1]))]);
    assert.deepEqual(inferShapes(graph, 23).get('y'), { name: 'y', dataType: DataType.FLOAT16, shape: [N, 3] });
  });

  it('names the node when a Reshape cannot fit the elements', () => {
    const graph = makeGraph('bad', [makeNode('Reshape', ['x', 'target'], ['y'], 'bad_reshape')], [makeValueInfo('x', DataType.FLOAT, [2, 3])], [], [makeInt64Tensor('target', [4, -1])]);
    assert.throws(() => inferShapes(graph, 17), /bad_reshape.*cannot reshape 6 elements/);
  });
});

