/**
 * Finite-difference check of a gradient rule: builds `loss = Σ ReduceSum(Yᵢ · Rᵢ)`
 * over one node's outputs (Rᵢ fixed random), differentiates it with DistQ's
 * autodiff, runs the gradient graph in onnxruntime-node, and compares each
 * checked input element with a central difference of the loss.
 *
 * Float64 is the default (h = 1e-6, relative error ≤ 1e-3). Ops that ONNX Runtime
 * runs only in float32 use h = 1e-2 and the float32 bound documented in
 * docs/gradients.md: |a − n| ≤ 2e-3 + 1e-2·max(|a|, |n|).
 */
import * as assert from 'node:assert/strict';
import { DataType } from '../../engine/onnx/dataType.ts';
import { attr, DEFAULT_OPSET, GraphBuilder, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../engine/onnx/builder.ts';
import type { Graph, Model, Tensor } from '../../engine/onnx/ir.ts';
import { inferShapes } from '../../engine/onnx/shapeInference.ts';
import { buildGradientGraph } from '../../engine/autodiff/differentiate.ts';
import { createSession, toOrtTensor, type OrtTensor } from '../../engine/runtime/session.ts';
import { SeededRandom } from '../../engine/util/random.ts';

export interface CheckedInput {
  dims: number[];
  /** Explicit values; otherwise uniform in [-1, 1) (or `range`). */
  values?: number[];
  range?: [number, number];
  /** Gradients are checked unless false (integer inputs, axes, shapes). */
  differentiable?: boolean;
  /** int64 inputs (indices, shapes, axes) become constants when `constant` is set. */
  dataType?: 'float' | 'int64';
  /** Pass as an initializer rather than a graph input (shape-like operands). */
  constant?: boolean;
}

export interface GradientCheckCase {
  opType: string;
  domain?: string;
  inputs: (CheckedInput | null)[];
  attributes?: Attributes;
  /** How many outputs feed the loss (default 1). */
  outputCount?: number;
  /** Outputs the node has in total (default outputCount). */
  totalOutputs?: number;
  precision?: 'float64' | 'float32';
  /** Elements checked per input, chosen at random (default all up to 64). */
  maxElementsPerInput?: number;
  opset?: number;
  seed?: number;
  /** Override the step and bound. */
  epsilon?: number;
  relativeTolerance?: number;
  absoluteTolerance?: number;
}

export interface GradientCheckReport {
  checked: number;
  worstRelativeError: number;
}

export async function checkGradients(testCase: GradientCheckCase): Promise<GradientCheckReport> {
  const precision = testCase.precision ?? 'float64';
  const floatType = precision === 'float64' ? DataType.DOUBLE : DataType.FLOAT;
  const epsilon = testCase.epsilon ?? (precision === 'float64' ? 1e-6 : 1e-2);
  const rtol = testCase.relativeTolerance ?? (precision === 'float64' ? 1e-3 : 1e-2);
  const atol = testCase.absoluteTolerance ?? (precision === 'float64' ? 1e-7 : 2e-3);
  const opset = testCase.opset ?? DEFAULT_OPSET;
  const random = new SeededRandom(testCase.seed ?? 7);
  const outputCount = testCase.outputCount ?? 1;

  const graph: Graph = makeGraph('gradient_check', [], [], []);
  const values = new Map<string, Tensor>();
  const nodeInputs: string[] = [];
  const differentiable: string[] = [];
  testCase.inputs.forEach((input, index) => {
    if (input === null) {
      nodeInputs.push('');
      return;
    }
    const name = `x${index}`;
    nodeInputs.push(name);
    const count = input.dims.reduce((a, b) => a * b, 1);
    let tensor: Tensor;
    if (input.dataType === 'int64') {
      tensor = makeTensor(name, DataType.INT64, input.dims, BigInt64Array.from((input.values ?? []).map((v) => BigInt(v))));
    } else {
      const [low, high] = input.range ?? [-1, 1];
      const numbers = input.values ?? Array.from({ length: count }, () => low + (high - low) * random.next());
      tensor = makeTensor(name, floatType, input.dims, floatType === DataType.DOUBLE ? Float64Array.from(numbers) : Float32Array.from(numbers));
    }
    if (input.constant) {
      graph.initializers.set(name, tensor);
    } else {
      graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
      values.set(name, tensor);
      if (input.differentiable !== false && input.dataType !== 'int64') differentiable.push(name);
    }
  });
  const totalOutputs = testCase.totalOutputs ?? outputCount;
  const outputs = Array.from({ length: totalOutputs }, (_, i) => `y${i}`);
  graph.nodes.push(makeNode(testCase.opType, nodeInputs, outputs, 'op_under_test', testCase.attributes ?? {}, testCase.domain ?? ''));

  const shapes = inferShapes(graph, opset);
  const builder = new GraphBuilder(graph, 'loss');
  const terms: string[] = [];
  for (let i = 0; i < outputCount; i++) {
    const shape = shapes.get(outputs[i]!)?.shape;
    assert.ok(shape && shape.every((d) => typeof d === 'number'), `output ${i} of ${testCase.opType} needs a static inferred shape, got ${JSON.stringify(shape)}`);
    const dims = shape as number[];
    const count = dims.reduce((a, b) => a * b, 1);
    const weights = Array.from({ length: count }, () => random.next() * 2 - 1);
    const r = builder.constant('r', makeTensor('', floatType, dims, floatType === DataType.DOUBLE ? Float64Array.from(weights) : Float32Array.from(weights)));
    terms.push(builder.op('ReduceSum', [builder.op('Mul', [outputs[i]!, r])], { keepdims: attr.int(0) }));
  }
  const loss = terms.length === 1 ? terms[0]! : builder.op('Sum', terms);
  const forwardGraph = structuredCloneGraph(graph);
  forwardGraph.outputs = [makeValueInfo(loss, floatType, [])];
  const forwardOutputs = outputs.slice(0, outputCount).map((o) => makeValueInfo(o, floatType));
  forwardGraph.outputs.push(...forwardOutputs);

  const { gradients } = buildGradientGraph(graph, { loss, parameters: differentiable, opset });
  graph.outputs = [makeValueInfo(loss, floatType, [])];
  for (const name of differentiable) {
    const g = gradients.get(name);
    assert.ok(g, `no gradient was produced for ${name}`);
    graph.outputs.push(makeValueInfo(g, floatType));
  }
  const opsets = [{ domain: '', version: opset }];
  const gradientSession = await createSession(modelOf(graph, opsets, testCase.domain));
  const forwardSession = await createSession(modelOf(forwardGraph, opsets, testCase.domain));

  const feeds = (): Record<string, OrtTensor> => Object.fromEntries([...values].map(([n, t]) => [n, toOrtTensor(t)]));
  const analytic = await gradientSession.run(feeds());
  const baseline = await forwardSession.run(feeds());
  // The inferred output shapes must be what ONNX Runtime produced.
  for (let i = 0; i < outputCount; i++) {
    assert.deepEqual(baseline[outputs[i]!]!.dims, (shapes.get(outputs[i]!)!.shape as number[]), `inferred shape of output ${i}`);
  }
  const lossAt = async (): Promise<number> => Number((await forwardSession.run(feeds()))[loss]!.data[0]);

  let checked = 0;
  let worst = 0;
  for (const name of differentiable) {
    const tensor = values.get(name)!;
    const grad = analytic[gradients.get(name)!]!;
    assert.deepEqual(grad.dims, tensor.dims, `gradient of ${name} has the shape of ${name}`);
    const data = tensor.data as Float32Array | Float64Array;
    const indices = chooseIndices(data.length, testCase.maxElementsPerInput ?? 64, random);
    for (const j of indices) {
      const numeric = await centralDifference(data, j, epsilon, lossAt);
      const a = Number(grad.data[j]);
      const error = Math.abs(a - numeric);
      const bound = atol + rtol * Math.max(Math.abs(a), Math.abs(numeric));
      worst = Math.max(worst, error / Math.max(Math.abs(numeric), 1e-12));
      assert.ok(error <= bound, `${testCase.opType}: d loss / d ${name}[${j}] analytic ${a} vs finite difference ${numeric} (error ${error.toExponential(2)} > ${bound.toExponential(2)})`);
      checked += 1;
    }
  }
  return { checked, worstRelativeError: worst };
}

/** (L(x + h·eⱼ) − L(x − h·eⱼ)) / 2h, perturbing element j of `data` in place and restoring it. */
export async function centralDifference(data: Float32Array | Float64Array, j: number, epsilon: number, lossAt: () => Promise<number>): Promise<number> {
  const original = data[j]!;
  data[j] = original + epsilon;
  const plus = await lossAt();
  data[j] = original - epsilon;
  const minus = await lossAt();
  data[j] = original;
  return (plus - minus) / (2 * epsilon);
}

function modelOf(graph: Graph, opsets: { domain: string; version: number }[], domain: string | undefined): Model {
  return makeModel(graph, domain ? [...opsets, { domain, version: 1 }] : opsets);
}

function chooseIndices(length: number, most: number, random: SeededRandom): number[] {
  const all = Array.from({ length }, (_, i) => i);
  if (length <= most) return all;
  random.shuffle(all);
  return all.slice(0, most).sort((a, b) => a - b);
}

function structuredCloneGraph(graph: Graph): Graph {
  return {
    name: graph.name,
    nodes: graph.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], attributes: new Map(n.attributes) })),
    initializers: new Map(graph.initializers),
    inputs: [...graph.inputs],
    outputs: [...graph.outputs],
    valueInfos: new Map(graph.valueInfos),
  };
}
