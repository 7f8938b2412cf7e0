/**
 * The QAT rewrite: inserts com.distq.FakeQuantize where the placement (placement.ts)
 * quantizes: on the weights of integer Conv/Gemm/MatMul nodes (symmetric, per output
 * channel, scale from the weights each step) and on every quantized activation tensor
 * (per tensor, scale and zero point fed as graph inputs from observers), read through the
 * fake-quantized value by every node that reads the tensor. Pass-through ops' outputs
 * (MaxPool, Reshape, …) are already on their input's grid and need no node. The bias of a
 * Conv/Gemm whose weight and input are quantized goes on the int32 grid the export stores it
 * on (biasFakeQuant.ts).
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, GraphBuilder, makeValueInfo, type Attributes } from '../onnx/builder.ts';
import type { Model, ValueInfo } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { ActivationConsumer } from './exportPlan.ts';
import { placementSchemes, type LayerSchemes, type PlacementSchemes } from './layerSchemes.ts';
import type { ActivationScheme } from './observerBase.ts';
import { placeQuantization, type QuantizationPlacement } from './placement.ts';
import { integerRange, type QuantizationScheme } from './scheme.ts';
import { fakeQuantizeBias, INTEGER_BIAS_OP_TYPES } from './biasFakeQuant.ts';
import { FAKE_QUANTIZE_AXIS_ATTRIBUTE } from './lowerFakeQuantize.ts';

export interface FakeQuantOptions {
  weights: QuantizationScheme;
  activations: ActivationScheme;
  /** Nodes with bit widths of their own (quantization.layers); the others use `weights` and `activations`. */
  layers?: ReadonlyMap<string, LayerSchemes>;
  /** Op types that may run as integer ops. */
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
  /** The scheme its observer turns a range into a scale and zero point with. */
  scheme: ActivationScheme;
  /** Nodes that read the quantized value, each once, in graph order. */
  consumers: string[];
  /** Every read of the quantized value: the node and the input index it reads it at. */
  consumerInputs: ActivationConsumer[];
  /** The quantized range must end at or below this value (an absorbed Clip's maximum). */
  upperBound?: number;
  /** Quantized where it is produced, for every reader (see placement.ts). */
  atProducer: boolean;
}

/** A pass-through op's output, on the grid of `source` (no node of its own). */
export interface SharedQuantizedActivation {
  tensor: string;
  source: string;
  consumers: string[];
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
  shared: SharedQuantizedActivation[];
  weights: QuantizedWeight[];
  /** Graph inputs added for activation ranges. */
  rangeInputs: ValueInfo[];
}


export function rangeInputNames(tensor: string): { scale: string; zeroPoint: string } {
  return { scale: `distq_range/${tensor}/scale`, zeroPoint: `distq_range/${tensor}/zero_point` };
}

const uniqueNodes = (reads: readonly ActivationConsumer[]): string[] => [...new Set(reads.map((r) => r.node))];

/** `shapes`: the model's inferred tensor types, when the caller has them already. */
export function insertFakeQuantization(model: Model, options: FakeQuantOptions, shapes?: ReadonlyMap<string, ValueInfo>): FakeQuantResult {
  const infos = shapes ?? inferShapes(model.graph, defaultOpset(model));
  const placement = placeQuantization(model.graph, { opTypes: options.opTypes, exclude: options.exclude, weightTensors: options.weightTensors, dataTypeOf: (t) => infos.get(t)?.dataType });
  return applyFakeQuantization(model, placement, placementSchemes(model.graph, placement, options, options.layers));
}

/** Inserts the fake quantization a placement asks for, each weight and activation with its scheme. */
export function applyFakeQuantization(model: Model, placement: QuantizationPlacement, schemes: PlacementSchemes): FakeQuantResult {
  const graph = model.graph;
  const opset = defaultOpset(model);
  const builder = new GraphBuilder(graph, 'qat');
  const ranks = new Map<string, number>();
  for (const input of graph.inputs) if (input.shape) ranks.set(input.name, input.shape.length);
  for (const t of graph.initializers.values()) ranks.set(t.name, t.dims.length);
  const original = graph.nodes;
  graph.nodes = [];
  const weightOf = new Map(placement.weights.map((w) => [w.node, w]));
  const activations = placement.activations.map((a): QuantizedActivation => {
    const names = rangeInputNames(a.tensor);
    const scheme = schemes.activationScheme(a);
    const activationRange = integerRange(scheme);
    return { tensor: a.tensor, scaleInput: names.scale, zeroPointInput: names.zeroPoint, qmin: activationRange.qmin, qmax: activationRange.qmax, scheme, consumers: uniqueNodes(a.reads), consumerInputs: [...a.reads], atProducer: a.atProducer, ...(a.upperBound === undefined ? {} : { upperBound: a.upperBound }) };
  });
  const activationOf = new Map(activations.map((a) => [a.tensor, a]));
  const readsOf = new Map(placement.activations.map((a) => [a.tensor, new Set(a.reads.map((r) => `${r.node}#${r.input}`))]));
  // The scale input of the activation a node reads as input 0, through a pass-through op's output too.
  const inputScaleOf = new Map([
    ...placement.activations.flatMap((a) => a.reads.filter((r) => r.input === 0).map((r) => [r.node, activationOf.get(a.tensor)!.scaleInput] as const)),
    ...placement.shared.flatMap((s) => s.reads.filter((r) => r.input === 0).map((r) => [r.node, activationOf.get(s.source)?.scaleInput] as const)),
  ].filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
  const quantizedNames = new Map<string, string>();
  const weights: QuantizedWeight[] = [];
  for (const node of original) {
    const rewritten = { ...node, inputs: [...node.inputs] };
    const weight = weightOf.get(node.name);
    if (weight) {
      const rank = ranks.get(weight.tensor);
      if (rank === undefined) throw new Error(`node '${node.name}': the rank of weight '${weight.tensor}' is unknown`);
      const all = Array.from({ length: rank }, (_, i) => i);
      const weightScheme = schemes.weightScheme(node.name);
      const weightRange = integerRange(weightScheme);
      const reduced = weightScheme.perChannel ? all.filter((i) => i !== weight.channelAxis) : all;
      const { scale, zeroPoint } = weightScaleInGraph(builder, weight.tensor, reduced, weightScheme, weightRange, opset);
      // The range always covers the weights, so nothing is clipped: no mask output, and the
      // straight-through gradient is the identity.
      const axis: Attributes = weightScheme.perChannel ? { [FAKE_QUANTIZE_AXIS_ATTRIBUTE]: attr.int(weight.channelAxis) } : {};
      const [quantized] = builder.add('FakeQuantize', [weight.tensor, scale, zeroPoint], { qmin: attr.int(weightRange.qmin), qmax: attr.int(weightRange.qmax), ...axis }, 1, DISTQ_OP_DOMAIN);
      rewritten.inputs[1] = quantized!;
      const bias = node.inputs[2];
      const activationScale = inputScaleOf.get(node.name);
      if (bias && activationScale && weightScheme.perChannel && INTEGER_BIAS_OP_TYPES.has(node.opType) && ranks.get(bias) === 1) {
        rewritten.inputs[2] = fakeQuantizeBias(builder, bias, scale, activationScale);
      }
      weights.push({ tensor: weight.tensor, node: node.name, channelAxis: weight.channelAxis, perChannel: weightScheme.perChannel, symmetric: weightScheme.symmetric, qmin: weightRange.qmin, qmax: weightRange.qmax });
    }
    node.inputs.forEach((input, index) => {
      const entry = activationOf.get(input);
      if (!entry || !readsOf.get(input)!.has(`${node.name}#${index}`)) return;
      let quantized = quantizedNames.get(input);
      if (!quantized) {
        quantized = builder.add('FakeQuantize', [input, entry.scaleInput, entry.zeroPointInput], { qmin: attr.int(entry.qmin), qmax: attr.int(entry.qmax) }, 2, DISTQ_OP_DOMAIN)[0]!;
        quantizedNames.set(input, quantized);
      }
      rewritten.inputs[index] = quantized;
    });
    graph.nodes.push(rewritten);
  }
  if (!model.opsetImports.some((o) => o.domain === DISTQ_OP_DOMAIN)) model.opsetImports.push({ domain: DISTQ_OP_DOMAIN, version: 1 });
  const rangeInputs = activations.flatMap((a) => [makeValueInfo(a.scaleInput, DataType.FLOAT, []), makeValueInfo(a.zeroPointInput, DataType.FLOAT, [])]);
  graph.inputs.push(...rangeInputs);
  const shared = placement.shared.map((s): SharedQuantizedActivation => ({ tensor: s.tensor, source: s.source, consumers: uniqueNodes(s.reads), consumerInputs: [...s.reads] }));
  return { activations, shared, weights, rangeInputs };
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
    // max|W| = max(max W, −min W): two reading passes over W instead of writing |W| and reading it back.
    const bound = builder.op('Max', [reduce('ReduceMax', weight), builder.op('Neg', [reduce('ReduceMin', weight)])]);
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
