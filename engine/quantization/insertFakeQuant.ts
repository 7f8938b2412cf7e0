/**
 * The QAT rewrite: inserts com.distq.FakeQuantize on the weights (symmetric,
 * per output channel, scale from the weights each step) and on the activation
 * inputs (per tensor, scale and zero point fed as graph inputs from observers) of
 * Conv, Gemm and MatMul nodes.
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, GraphBuilder, getInt, makeValueInfo } from '../onnx/builder.ts';
import type { Model, Node, ValueInfo } from '../onnx/ir.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';

export interface FakeQuantOptions {
  weightBits: number;
  activationBits: number;
  /** Op types whose inputs are quantized. */
  opTypes: readonly string[];
  /** Node names left in float. */
  exclude: readonly string[];
  /** Tensors treated as weights (trainable initializers or graph inputs holding them). */
  weights: ReadonlySet<string>;
}

export interface QuantizedActivation {
  /** The float tensor that is fake-quantized. */
  tensor: string;
  /** Graph inputs carrying its current scale and zero point (float scalars). */
  scaleInput: string;
  zeroPointInput: string;
  qmin: number;
  qmax: number;
  /** Nodes that read the quantized value. */
  consumers: string[];
}

export interface QuantizedWeight {
  tensor: string;
  node: string;
  /** Axis of the output channels in the weight tensor. */
  channelAxis: number;
  qmin: number;
  qmax: number;
}

export interface FakeQuantResult {
  activations: QuantizedActivation[];
  weights: QuantizedWeight[];
  /** Graph inputs added for activation ranges. */
  rangeInputs: ValueInfo[];
}

/** Signed, symmetric, narrow range for weights: [−(2^(b−1) − 1), 2^(b−1) − 1]. */
export function weightRange(bits: number): [number, number] {
  const q = 2 ** (bits - 1) - 1;
  return [-q, q];
}

/** Signed, asymmetric for activations: [−2^(b−1), 2^(b−1) − 1]. */
export function activationRange(bits: number): [number, number] {
  return [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
}

export function rangeInputNames(tensor: string): { scale: string; zeroPoint: string } {
  return { scale: `distq_range/${tensor}/scale`, zeroPoint: `distq_range/${tensor}/zero_point` };
}

/** Where the output channels lie in a node's weight input. */
function weightChannelAxis(node: Node): number {
  if (node.opType === 'Gemm') return getInt(node, 'transB', 0) === 1 ? 0 : 1;
  if (node.opType === 'MatMul') return 1;
  return 0;
}

export function insertFakeQuantization(model: Model, options: FakeQuantOptions): FakeQuantResult {
  const graph = model.graph;
  const builder = new GraphBuilder(graph, 'qat');
  const shapes = new Map<string, number>();
  for (const input of graph.inputs) if (input.shape) shapes.set(input.name, input.shape.length);
  for (const t of graph.initializers.values()) shapes.set(t.name, t.dims.length);
  const original = graph.nodes;
  graph.nodes = [];
  const activations = new Map<string, QuantizedActivation>();
  const quantizedNames = new Map<string, string>();
  const weights: QuantizedWeight[] = [];
  const [wmin, wmax] = weightRange(options.weightBits);
  const [amin, amax] = activationRange(options.activationBits);
  for (const node of original) {
    if (!options.opTypes.includes(node.opType) || options.exclude.includes(node.name)) {
      graph.nodes.push(node);
      continue;
    }
    const rewritten = { ...node, inputs: [...node.inputs] };
    const weightIndex = 1;
    const activationIndex = 0;
    const weight = node.inputs[weightIndex];
    const activation = node.inputs[activationIndex];
    if (weight && options.weights.has(weight)) {
      const rank = shapes.get(weight) ?? graph.inputs.find((i) => i.name === weight)?.shape?.length;
      if (rank === undefined) throw new Error(`node '${node.name}': the rank of weight '${weight}' is unknown`);
      const axis = weightChannelAxis(node);
      const otherAxes = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis);
      const absMax = builder.op('ReduceMax', [builder.op('Abs', [weight])], { axes: attr.ints(otherAxes), keepdims: attr.int(1) });
      const scale = builder.op('Div', [builder.op('Max', [absMax, builder.floatConstant('min_abs', [1e-8])]), builder.floatConstant('weight_qmax', [wmax])]);
      const zero = builder.floatConstant('zero', [0]);
      const [quantized] = builder.add('FakeQuantize', [weight, scale, zero], { qmin: attr.int(wmin), qmax: attr.int(wmax) }, 2, DISTQ_OP_DOMAIN);
      rewritten.inputs[weightIndex] = quantized!;
      weights.push({ tensor: weight, node: node.name, channelAxis: axis, qmin: wmin, qmax: wmax });
    }
    if (activation && !options.weights.has(activation) && !graph.initializers.has(activation)) {
      let entry = activations.get(activation);
      if (!entry) {
        const names = rangeInputNames(activation);
        const [quantized] = builder.add('FakeQuantize', [activation, names.scale, names.zeroPoint], { qmin: attr.int(amin), qmax: attr.int(amax) }, 2, DISTQ_OP_DOMAIN);
        entry = { tensor: activation, scaleInput: names.scale, zeroPointInput: names.zeroPoint, qmin: amin, qmax: amax, consumers: [] };
        activations.set(activation, entry);
        quantizedNames.set(activation, quantized!);
      }
      entry.consumers.push(node.name);
      rewritten.inputs[activationIndex] = quantizedNames.get(activation)!;
    }
    graph.nodes.push(rewritten);
  }
  if (!model.opsetImports.some((o) => o.domain === DISTQ_OP_DOMAIN)) model.opsetImports.push({ domain: DISTQ_OP_DOMAIN, version: 1 });
  const rangeInputs = [...activations.values()].flatMap((a) => [makeValueInfo(a.scaleInput, DataType.FLOAT, []), makeValueInfo(a.zeroPointInput, DataType.FLOAT, [])]);
  graph.inputs.push(...rangeInputs);
  return { activations: [...activations.values()], weights, rangeInputs };
}
