/**
 * The QAT rewrite: inserts com.distq.FakeQuantize on the weights (symmetric,
 * per output channel, scale from the weights each step) and on the activation
 * inputs (per tensor, scale and zero point fed as graph inputs from observers) of
 * Conv, Gemm and MatMul nodes. The activation input is input 0; a MatMul whose input 1
 * is not a weight either (attention's Q·Kᵀ and probs·V) has both inputs quantized as
 * activations, as ONNX Runtime's QDQ quantizer does.
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, GraphBuilder, getInt, makeValueInfo } from '../onnx/builder.ts';
import type { Model, Node, ValueInfo } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { ActivationConsumer } from './exportPlan.ts';
import { integerRange, type QuantizationScheme } from './scheme.ts';

export interface FakeQuantOptions {
  weights: QuantizationScheme;
  activations: Omit<QuantizationScheme, 'perChannel'>;
  /** Op types whose inputs are quantized. */
  opTypes: readonly string[];
  /** Node names left in float. */
  exclude: readonly string[];
  /** Tensors treated as weights (trainable initializers or graph inputs holding them). */
  weightTensors: ReadonlySet<string>;
}

export interface QuantizedActivation {
  /** The float tensor that is fake-quantized. */
  tensor: string;
  /** Graph inputs carrying its current scale and zero point (float scalars). */
  scaleInput: string;
  zeroPointInput: string;
  qmin: number;
  qmax: number;
  /** Nodes that read the quantized value, each once, in graph order. */
  consumers: string[];
  /** Every read of the quantized value: the node and the input index it reads it at. */
  consumerInputs: ActivationConsumer[];
}

export interface QuantizedWeight {
  tensor: string;
  node: string;
  /** Axis of the output channels in the weight tensor (the scale's axis when per channel). */
  channelAxis: number;
  perChannel: boolean;
  symmetric: boolean;
  qmin: number;
  qmax: number;
}

export interface FakeQuantResult {
  activations: QuantizedActivation[];
  weights: QuantizedWeight[];
  /** Graph inputs added for activation ranges. */
  rangeInputs: ValueInfo[];
}


export function rangeInputNames(tensor: string): { scale: string; zeroPoint: string } {
  return { scale: `distq_range/${tensor}/scale`, zeroPoint: `distq_range/${tensor}/zero_point` };
}

/**
 * Inputs of a quantized node that are quantized as activations when they are not weights:
 * input 0, and for MatMul also input 1 (a MatMul of two activations, as in attention).
 */
function activationInputIndices(node: Node): number[] {
  return node.opType === 'MatMul' ? [0, 1] : [0];
}

/** Where the output channels lie in a node's weight input. */
function weightChannelAxis(node: Node): number {
  if (node.opType === 'Gemm') return getInt(node, 'transB', 0) === 1 ? 0 : 1;
  if (node.opType === 'MatMul') return 1;
  return 0;
}

export function insertFakeQuantization(model: Model, options: FakeQuantOptions): FakeQuantResult {
  const graph = model.graph;
  const opset = defaultOpset(model);
  const builder = new GraphBuilder(graph, 'qat');
  const shapes = new Map<string, number>();
  for (const input of graph.inputs) if (input.shape) shapes.set(input.name, input.shape.length);
  for (const t of graph.initializers.values()) shapes.set(t.name, t.dims.length);
  const original = graph.nodes;
  graph.nodes = [];
  const activations = new Map<string, QuantizedActivation>();
  const quantizedNames = new Map<string, string>();
  const weights: QuantizedWeight[] = [];
  const weightRangeOf = integerRange(options.weights);
  const activationRangeOf = integerRange(options.activations);
  for (const node of original) {
    if (!options.opTypes.includes(node.opType) || options.exclude.includes(node.name)) {
      graph.nodes.push(node);
      continue;
    }
    const rewritten = { ...node, inputs: [...node.inputs] };
    const weightIndex = 1;
    const weight = node.inputs[weightIndex];
    if (weight && options.weightTensors.has(weight)) {
      const rank = shapes.get(weight) ?? graph.inputs.find((i) => i.name === weight)?.shape?.length;
      if (rank === undefined) throw new Error(`node '${node.name}': the rank of weight '${weight}' is unknown`);
      const axis = weightChannelAxis(node);
      const reduced = options.weights.perChannel ? Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis) : Array.from({ length: rank }, (_, i) => i);
      const { scale, zeroPoint } = weightScaleInGraph(builder, weight, reduced, options.weights, weightRangeOf, opset);
      // The range always covers the weights, so nothing is clipped: no mask output, and the
      // straight-through gradient is the identity.
      const [quantized] = builder.add('FakeQuantize', [weight, scale, zeroPoint], { qmin: attr.int(weightRangeOf.qmin), qmax: attr.int(weightRangeOf.qmax) }, 1, DISTQ_OP_DOMAIN);
      rewritten.inputs[weightIndex] = quantized!;
      weights.push({ tensor: weight, node: node.name, channelAxis: axis, perChannel: options.weights.perChannel, symmetric: options.weights.symmetric, qmin: weightRangeOf.qmin, qmax: weightRangeOf.qmax });
    }
    for (const inputIndex of activationInputIndices(node)) {
      const activation = node.inputs[inputIndex];
      if (!activation || options.weightTensors.has(activation) || graph.initializers.has(activation)) continue;
      let entry = activations.get(activation);
      if (!entry) {
        const names = rangeInputNames(activation);
        const [quantized] = builder.add('FakeQuantize', [activation, names.scale, names.zeroPoint], { qmin: attr.int(activationRangeOf.qmin), qmax: attr.int(activationRangeOf.qmax) }, 2, DISTQ_OP_DOMAIN);
        entry = { tensor: activation, scaleInput: names.scale, zeroPointInput: names.zeroPoint, qmin: activationRangeOf.qmin, qmax: activationRangeOf.qmax, consumers: [], consumerInputs: [] };
        activations.set(activation, entry);
        quantizedNames.set(activation, quantized!);
      }
      if (!entry.consumers.includes(node.name)) entry.consumers.push(node.name);
      entry.consumerInputs.push({ node: node.name, input: inputIndex });
      rewritten.inputs[inputIndex] = quantizedNames.get(activation)!;
    }
    graph.nodes.push(rewritten);
  }
  if (!model.opsetImports.some((o) => o.domain === DISTQ_OP_DOMAIN)) model.opsetImports.push({ domain: DISTQ_OP_DOMAIN, version: 1 });
  const rangeInputs = [...activations.values()].flatMap((a) => [makeValueInfo(a.scaleInput, DataType.FLOAT, []), makeValueInfo(a.zeroPointInput, DataType.FLOAT, [])]);
  graph.inputs.push(...rangeInputs);
  return { activations: [...activations.values()], weights, rangeInputs };
}

/**
 * Scale and zero point of a weight computed inside the graph from its current values
 * (no gradient flows through them), matching scheme.ts's scaleAndZeroPoint:
 * symmetric: s = max(max|W| / ((qmax − qmin)/2), 1e-8); asymmetric: the range widened to
 * include 0, s = max((hi − lo)/(qmax − qmin), 1e-8), z = qmin − round(lo/s).
 */
function weightScaleInGraph(builder: GraphBuilder, weight: string, axes: number[], scheme: QuantizationScheme, range: { qmin: number; qmax: number }, opset: number): { scale: string; zeroPoint: string } {
  // ReduceMax/ReduceMin take their axes as an attribute before opset 18 and as an input from 18.
  const reduce = (op: 'ReduceMax' | 'ReduceMin', input: string): string => (opset >= 18
    ? builder.op(op, [input, builder.int64Constant('axes', axes)], { keepdims: attr.int(1) })
    : builder.op(op, [input], { axes: attr.ints(axes), keepdims: attr.int(1) }));
  const floor = builder.floatConstant('min_scale', [1e-8]);
  if (scheme.symmetric) {
    const bound = reduce('ReduceMax', builder.op('Abs', [weight]));
    const scale = builder.op('Max', [builder.op('Div', [bound, builder.floatConstant('half_levels', [(range.qmax - range.qmin) / 2])]), floor]);
    const zeroPoint = builder.floatConstant('zero_point', [scheme.signed ? 0 : Math.round((range.qmin + range.qmax) / 2)]);
    return { scale, zeroPoint };
  }
  const zero = builder.floatConstant('zero', [0]);
  const low = builder.op('Min', [reduce('ReduceMin', weight), zero]);
  const high = builder.op('Max', [reduce('ReduceMax', weight), zero]);
  const scale = builder.op('Max', [builder.op('Div', [builder.op('Sub', [high, low]), builder.floatConstant('levels', [range.qmax - range.qmin])]), floor]);
  const zeroPoint = builder.op('Sub', [builder.floatConstant('qmin', [range.qmin]), builder.op('Round', [builder.op('Div', [low, scale])])]);
  return { scale, zeroPoint };
}
