/**
 * One ONNX node run on its own in onnxruntime-node: checks that a shape function
 * infers what ONNX Runtime produces, and reads gradients exactly where finite
 * differences cannot (kinks, ties, boolean inputs).
 */
import * as assert from 'node:assert/strict';
import { DataType, ortTypeName } from '../../engine/onnx/dataType.ts';
import { attr, DEFAULT_OPSET, GraphBuilder, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../engine/onnx/builder.ts';
import type { Dim, Graph, Tensor } from '../../engine/onnx/ir.ts';
import { inferShapes } from '../../engine/onnx/shapeInference.ts';
import { buildGradientGraph } from '../../engine/autodiff/differentiate.ts';
import { createSession, toOrtTensor } from '../../engine/runtime/session.ts';

export interface NodeInput {
  dims: number[];
  values: readonly (number | boolean)[];
  /** DOUBLE unless given. */
  dataType?: DataType;
  /** An initializer rather than a graph input. */
  constant?: boolean;
  /** The graph input's declared shape when it differs from `dims` (symbolic dims such as 'N'). */
  declaredShape?: Dim[];
}

export interface SingleNodeCase {
  opType: string;
  /** null leaves an optional input out. */
  inputs: (NodeInput | null)[];
  attributes?: Attributes;
  opset?: number;
  outputCount?: number;
}

interface BuiltNode {
  graph: Graph;
  feeds: Map<string, Tensor>;
  outputs: string[];
  opset: number;
}

function buildNode(testCase: SingleNodeCase): BuiltNode {
  const graph = makeGraph('single_node', [], [], []);
  const feeds = new Map<string, Tensor>();
  const names = testCase.inputs.map((input, index) => {
    if (!input) return '';
    const name = `x${index}`;
    const tensor = makeTensor(name, input.dataType ?? DataType.DOUBLE, input.dims, input.values.map(Number));
    if (input.constant) graph.initializers.set(name, tensor);
    else {
      graph.inputs.push(makeValueInfo(name, tensor.dataType, input.declaredShape ?? tensor.dims));
      feeds.set(name, tensor);
    }
    return name;
  });
  const outputs = Array.from({ length: testCase.outputCount ?? 1 }, (_, i) => `y${i}`);
  graph.nodes.push(makeNode(testCase.opType, names, outputs, 'op_under_test', testCase.attributes ?? {}));
  return { graph, feeds, outputs, opset: testCase.opset ?? DEFAULT_OPSET };
}

async function run(built: BuiltNode, fetch: string[]): Promise<Record<string, { dims: readonly number[]; type: string; data: unknown }>> {
  const session = await createSession(makeModel(built.graph, [{ domain: '', version: built.opset }]));
  return session.run(Object.fromEntries([...built.feeds].map(([n, t]) => [n, toOrtTensor(t)])), fetch);
}

/** Asserts that each output's inferred type and shape are those ONNX Runtime produces. */
export async function assertShapesMatchOrt(testCase: SingleNodeCase): Promise<void> {
  const built = buildNode(testCase);
  const inferred = inferShapes(built.graph, built.opset);
  built.graph.outputs = built.outputs.map((o) => makeValueInfo(o, inferred.get(o)!.dataType));
  const results = await run(built, built.outputs);
  for (const output of built.outputs) {
    const info = inferred.get(output)!;
    assert.equal(results[output]!.type, ortTypeName(info.dataType), `${testCase.opType}: type of ${output}`);
    assert.deepEqual(info.shape, [...results[output]!.dims], `${testCase.opType}: shape of ${output}`);
  }
}

/**
 * Gradients of loss = Σ Y · weights with respect to the inputs at `parameters`, as
 * DistQ's rules compute them; one array per parameter. Without weights, loss = Σ Y
 * (which also works when the output's shape is symbolic).
 */
export async function exactGradients(testCase: SingleNodeCase, parameters: number[], weights?: number[]): Promise<number[][]> {
  const built = buildNode(testCase);
  const output = built.outputs[0]!;
  const outputInfo = inferShapes(built.graph, built.opset).get(output)!;
  const dims = weights ? (outputInfo.shape as number[]) : [];
  const builder = new GraphBuilder(built.graph, 'loss');
  const r = builder.constant('weights', makeTensor('', outputInfo.dataType, dims, weights ?? [1]));
  const loss = builder.op('ReduceSum', [builder.op('Mul', [output, r])], { keepdims: attr.int(0) });
  const names = parameters.map((i) => `x${i}`);
  const { gradients } = buildGradientGraph(built.graph, { loss, parameters: names, opset: built.opset });
  const fetch = names.map((n) => {
    const g = gradients.get(n);
    assert.ok(g, `no gradient was produced for ${n}`);
    return g;
  });
  built.graph.outputs = fetch.map((g) => makeValueInfo(g, outputInfo.dataType));
  const results = await run(built, fetch);
  return fetch.map((g) => Array.from(results[g]!.data as Float64Array | Float32Array));
}
