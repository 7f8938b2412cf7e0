/**
 * Where quantization goes: which nodes run as integer ops, which tensors are quantized
 * and which read each of them. The QAT rewrite (insertFakeQuant.ts) and the QDQ export
 * (exportQdq.ts) both follow this one placement, so the fake-quant graph and the INT8
 * model quantize the same tensors with the same scales.
 *
 * The placement follows the patterns ONNX Runtime's CPU provider fuses into integer
 * kernels (its QDQ selectors): a node runs in integer arithmetic when every input comes
 * from a DequantizeLinear and its output goes to a QuantizeLinear. So:
 * - The output of an integer op is quantized for every node that reads it (one scale per
 *   tensor): a float reader beside the QuantizeLinear would keep the producer in float.
 *   Any other tensor is quantized for the integer ops that read it only.
 * - Conv, Gemm and MatMul with a weight (and MatMul of two activations) are integer ops.
 *   Add, Mul, Concat, AveragePool, GlobalAveragePool and Sigmoid are integer ops when
 *   every input traces back to an integer op or the model's input (a residual Add, a
 *   squeeze-excitation Mul): ONNX Runtime has QLinearAdd, QLinearMul, QLinearConcat,
 *   QLinearAveragePool, QLinearGlobalAveragePool and QLinearSigmoid for them. A bias or
 *   mask Add with a constant operand stays float.
 * - The output of an integer op is quantized (so the next op reads integers), after a
 *   Relu or a Clip(0, M) that alone reads it: ONNX Runtime removes such a Relu in front of a
 *   QuantizeLinear whose zero point is the type's minimum, and such a Clip when the
 *   quantized range lies inside [0, M] (the scale is capped to make sure it does). Gemm and
 *   MatMul have integer kernels with float output, so theirs is quantized only when an
 *   integer op reads it.
 * - Ops that only move or select values (MaxPool, Reshape, Flatten, Transpose, Squeeze,
 *   Unsqueeze, Split, Slice) pass a quantized input through with the same scale and zero point: their
 *   output is on the same grid, so training needs no new fake quantization and ONNX
 *   Runtime runs them on the integers.
 */
import type { Graph, Node } from '../onnx/ir.ts';
import { getInt } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import type { ActivationConsumer as TensorRead } from './exportPlan.ts';

export interface PlacedActivation {
  tensor: string;
  /** The node inputs that read the quantized value, in graph order. */
  reads: TensorRead[];
  /**
   * Quantized where it is produced, for every reader (the output of an integer op, which
   * ONNX Runtime fuses only when a QuantizeLinear is its one reader). Otherwise only the
   * integer ops read the quantized value and float readers keep the float tensor.
   */
  atProducer: boolean;
  /**
   * The tensor is the output of a Clip(0, M) absorbed into its producer: the quantized
   * range must end at or below M, or ONNX Runtime keeps the Clip (and the producer) in float.
   */
  upperBound?: number;
}

/** A pass-through op's output, quantized with the scale and zero point of `source`. */
export interface SharedActivation {
  tensor: string;
  /** The quantized tensor whose scale and zero point it takes (never itself shared). */
  source: string;
  /** The pass-through node that produces it. */
  node: string;
  reads: TensorRead[];
}

export interface PlacedWeight {
  tensor: string;
  node: string;
  /** Axis of the output channels in the weight tensor. */
  channelAxis: number;
}

export interface QuantizationPlacement {
  /** Nodes that run as integer ops, in graph order. */
  integerNodes: string[];
  weights: PlacedWeight[];
  activations: PlacedActivation[];
  shared: SharedActivation[];
}

export interface PlacementOptions {
  /** Op types that may run as integer ops (quantization.opTypes). */
  opTypes: readonly string[];
  /** Node names kept in float. */
  exclude: readonly string[];
  /** Tensors that are weights (trainable initializers). */
  weightTensors: ReadonlySet<string>;
  /** Element type of a tensor, where known. */
  dataTypeOf?: (tensor: string) => DataType | undefined;
}

/** Ops with a weight as input 1. */
export const WEIGHTED_OP_TYPES = ['Conv', 'Gemm', 'MatMul'] as const;
/** Ops ONNX Runtime runs on integers when their inputs are quantized; each needs its output quantized. */
export const ACTIVATION_OP_TYPES = ['Add', 'Mul', 'Concat', 'AveragePool', 'GlobalAveragePool', 'Sigmoid'] as const;
/** Every op type `quantization.opTypes` may list. */
export const QUANTIZABLE_OP_TYPES = [...WEIGHTED_OP_TYPES, ...ACTIVATION_OP_TYPES] as const;
/** Ops whose output holds a subset or rearrangement of input 0's values. */
const PASS_THROUGH_OP_TYPES = new Set(['MaxPool', 'Reshape', 'Flatten', 'Transpose', 'Squeeze', 'Unsqueeze', 'Split', 'Slice']);
/** Integer ops whose fused kernel needs a quantized output. */
const NEEDS_QUANTIZED_OUTPUT = new Set<string>(['Conv', ...ACTIVATION_OP_TYPES]);

/** Where the output channels lie in a node's weight input. */
export function weightChannelAxis(node: Node): number {
  if (node.opType === 'Gemm') return getInt(node, 'transB', 0) === 1 ? 0 : 1;
  if (node.opType === 'MatMul') return 1;
  return 0;
}

export function placeQuantization(graph: Graph, options: PlacementOptions): QuantizationPlacement {
  const producers = new Map<string, Node>();
  const readers = new Map<string, TensorRead[]>();
  for (const node of graph.nodes) {
    for (const output of node.outputs) if (output) producers.set(output, node);
    node.inputs.forEach((input, index) => {
      if (!input) return;
      const list = readers.get(input) ?? [];
      list.push({ node: node.name, input: index });
      readers.set(input, list);
    });
  }
  const nodesByName = new Map(graph.nodes.map((n) => [n.name, n]));
  const graphOutputs = new Set(graph.outputs.map((o) => o.name));
  const excluded = new Set(options.exclude);
  const isConstant = (tensor: string): boolean => graph.initializers.has(tensor) || options.weightTensors.has(tensor);
  const isFloat = (tensor: string): boolean => {
    const type = options.dataTypeOf?.(tensor);
    return type === undefined || type === DataType.FLOAT;
  };

  const integer = new Set<string>();
  const tracesToInteger = (tensor: string): boolean => {
    const producer = producers.get(tensor);
    if (!producer) return !isConstant(tensor) && isFloat(tensor);
    if (integer.has(producer.name)) return true;
    if (PASS_THROUGH_OP_TYPES.has(producer.opType) || absorbableBound(graph, producer) !== undefined) return tracesToInteger(producer.inputs[0] ?? '');
    return false;
  };
  /** Input indices an integer node reads activations at, or undefined when the node stays float. */
  const activationInputs = (node: Node): number[] | undefined => {
    if (excluded.has(node.name) || !options.opTypes.includes(node.opType) || node.domain !== '') return undefined;
    const present = node.inputs.map((input, index) => ({ input, index })).filter((i) => i.input !== '');
    if (node.opType === 'Conv' || node.opType === 'Gemm' || node.opType === 'MatMul') {
      const x = node.inputs[0];
      const w = node.inputs[1];
      if (!x || !w || isConstant(x) || !isFloat(x)) return undefined;
      if (options.weightTensors.has(w)) return [0];
      // A MatMul of two activations (attention's Q·Kᵀ and probs·V).
      if (node.opType === 'MatMul' && !isConstant(w) && isFloat(w)) return [0, 1];
      return undefined;
    }
    if (node.opType === 'Concat' || node.opType === 'Add' || node.opType === 'Mul') {
      if (node.opType !== 'Concat' && present.length !== 2) return undefined;
      if (!present.every((i) => !isConstant(i.input) && isFloat(i.input) && tracesToInteger(i.input))) return undefined;
      return present.map((i) => i.index);
    }
    const x = node.inputs[0];
    if (!x || isConstant(x) || !isFloat(x) || !tracesToInteger(x)) return undefined;
    return [0];
  };

  /** Tensors quantized where they are produced (every reader reads the quantized value). */
  const atProducer = new Map<string, { upperBound?: number }>();
  /** Tensors quantized only for the integer ops that read them (other readers keep the float). */
  const integerReads = new Map<string, TensorRead[]>();
  const weights: PlacedWeight[] = [];
  for (const node of graph.nodes) {
    const inputs = activationInputs(node);
    if (!inputs) continue;
    integer.add(node.name);
    for (const index of inputs) {
      const tensor = node.inputs[index]!;
      integerReads.set(tensor, [...(integerReads.get(tensor) ?? []), { node: node.name, input: index }]);
    }
    const w = node.inputs[1];
    if ((node.opType === 'Conv' || node.opType === 'Gemm' || node.opType === 'MatMul') && w && options.weightTensors.has(w)) {
      weights.push({ tensor: w, node: node.name, channelAxis: weightChannelAxis(node) });
    }
    if (!NEEDS_QUANTIZED_OUTPUT.has(node.opType)) continue;
    const output = node.outputs[0];
    if (!output || graphOutputs.has(output)) continue;
    const outputReaders = readers.get(output) ?? [];
    const activation = outputReaders.length === 1 ? nodesByName.get(outputReaders[0]!.node) : undefined;
    const bound = activation && !excluded.has(activation.name) ? absorbableBound(graph, activation) : undefined;
    if (activation && bound !== undefined && activation.outputs[0] && !graphOutputs.has(activation.outputs[0])) {
      atProducer.set(activation.outputs[0], Number.isFinite(bound) ? { upperBound: bound } : {});
    } else {
      atProducer.set(output, {});
    }
  }
  // A Gemm or MatMul output that an integer op reads is quantized at its producer too, so
  // that ONNX Runtime requantizes it in the kernel (QGemm, QLinearMatMul).
  for (const [tensor] of integerReads) {
    const producer = producers.get(tensor);
    if (producer && integer.has(producer.name) && !atProducer.has(tensor)) atProducer.set(tensor, {});
  }

  // Pass-through ops carry a tensor quantized at its producer to their output, on its grid.
  const sourceOf = new Map<string, string>();
  const shared: SharedActivation[] = [];
  for (const node of graph.nodes) {
    if (!PASS_THROUGH_OP_TYPES.has(node.opType) || excluded.has(node.name) || node.domain !== '') continue;
    const input = node.inputs[0];
    const outputs = node.outputs.filter((o) => o !== '');
    // MaxPool's optional second output holds indices, not values.
    if (!input || outputs.length === 0 || outputs.some((o) => graphOutputs.has(o)) || (node.opType !== 'Split' && outputs.length !== 1)) continue;
    const source = sourceOf.get(input) ?? (atProducer.has(input) ? input : undefined);
    if (!source) continue;
    for (const output of outputs) {
      sourceOf.set(output, source);
      atProducer.delete(output);
      integerReads.delete(output);
      const reads = readers.get(output) ?? [];
      if (reads.length > 0) shared.push({ tensor: output, source, node: node.name, reads });
    }
  }

  const activations: PlacedActivation[] = [];
  const order = graphOrder(graph);
  const tensors = [...new Set([...atProducer.keys(), ...integerReads.keys()])].sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1));
  for (const tensor of tensors) {
    const extra = atProducer.get(tensor);
    const reads = extra ? readers.get(tensor) ?? [] : integerReads.get(tensor) ?? [];
    if (reads.length > 0) activations.push({ tensor, reads, atProducer: extra !== undefined, ...(extra?.upperBound === undefined ? {} : { upperBound: extra.upperBound }) });
  }
  return { integerNodes: graph.nodes.filter((n) => integer.has(n.name)).map((n) => n.name), weights, activations, shared };
}

/**
 * A Relu (bound +∞) or a Clip(0, M) (bound M) that ONNX Runtime can remove in front of a
 * QuantizeLinear; undefined for any other node.
 */
function absorbableBound(graph: Graph, node: Node): number | undefined {
  if (node.domain !== '') return undefined;
  if (node.opType === 'Relu') return Number.POSITIVE_INFINITY;
  if (node.opType !== 'Clip') return undefined;
  const constant = (index: number): number | undefined => {
    const name = node.inputs[index];
    if (!name) return undefined;
    const tensor = graph.initializers.get(name);
    return tensor && tensor.data.length === 1 ? Number(tensor.data[0]) : Number.NaN;
  };
  const attributeMin = node.attributes.get('min');
  const attributeMax = node.attributes.get('max');
  const min = constant(1) ?? (attributeMin?.kind === 'float' ? attributeMin.value : undefined);
  const max = constant(2) ?? (attributeMax?.kind === 'float' ? attributeMax.value : Number.POSITIVE_INFINITY);
  return min === 0 && max > 0 ? max : undefined;
}

/** Position of each tensor's producer in the graph (graph inputs and initializers first). */
function graphOrder(graph: Graph): Map<string, number> {
  const order = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    for (const output of node.outputs) if (output) order.set(output, index);
  });
  return order;
}
