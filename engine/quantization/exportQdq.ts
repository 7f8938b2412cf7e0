/**
 * INT8 QDQ export: turns the trained float student and its QAT plan into a QDQ model
 * that ONNX Runtime runs with its integer kernels. The plan comes from the placement that
 * training used (placement.ts), so the export quantizes the tensors training fake-quantized,
 * with the same scales.
 *
 * - Weights become INT8 initializers followed by DequantizeLinear (per-channel scale on
 *   `channelAxis`, zero point 0).
 * - A tensor quantized at its producer (an integer op's output, or a pass-through op's
 *   output on its source's grid) gets one QuantizeLinear → DequantizeLinear after its
 *   producer, which every reader shares: ONNX Runtime fuses an integer op only when a
 *   QuantizeLinear is its output's one reader. Any other quantized tensor gets one pair per
 *   read, each with its own scale and zero-point initializers: ONNX Runtime merges identical
 *   QuantizeLinear nodes, and with int8 activations on x86 it rewrites a pair to uint8 only
 *   when the QuantizeLinear has a single DequantizeLinear, so a shared pair would leave the
 *   readers of a tensor read several times (a transformer's query, key and value) in float.
 * - Activations are uint8 when their range is unsigned, int8 otherwise (the same values).
 * - Biases of quantized Conv/Gemm nodes become int32 (scale s_x · s_w, zero point 0)
 *   followed by DequantizeLinear, as ONNX Runtime's quantizer writes them: without it a
 *   Gemm with float output stays float. The fake-quant graph rounds the bias the same way
 *   (biasFakeQuant.ts), so the unfused QDQ graph computes exactly what it computes.
 * - Flatten(axis = 1) in front of a quantized activation becomes the equivalent Reshape.
 * - A layer the config keeps in float reads its activations through an identity that ONNX
 *   Runtime cannot fuse across (floatLayerBarrier.ts), so it stays in float there too.
 *
 * Bit widths below 8 are stored in 8-bit types: weights inside their narrower range (exact);
 * activations on the grid of their bit width but without clipping to its range, since an
 * integer Clip between QuantizeLinear and DequantizeLinear would keep ONNX Runtime from
 * fusing the layer (export agreement measures the difference).
 * The model carries `distq.weight_bits`, `distq.activation_bits` and `distq.storage`. It keeps
 * the model's opset, up to 21 (exportOpset.ts).
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, getInt, GraphBuilder, makeNode, makeTensor } from '../onnx/builder.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { defaultOpset, type Model, type Node, type Tensor } from '../onnx/ir.ts';
import { removeUnusedNodes } from '../onnx/passes/removeUnusedNodes.ts';
import { activationRangeBits, activationReads, qdqTensorNames, symmetricRangeBits, type QdqActivationPlan, type QdqExportPlan, type QdqWeightPlan } from './exportPlan.ts';
import { quantizeWeightPerChannel } from './exportWeights.ts';
import { settleExportOpset } from './exportOpset.ts';
import { INT32_MAX, INT32_MIN, INTEGER_BIAS_OP_TYPES } from './biasFakeQuant.ts';
import { floatLayerBarriers } from './floatLayerBarrier.ts';
import { roundHalfToEven } from './scheme.ts';

export class QdqExportError extends Error {}

const INT8_MIN = -128;
const INT8_MAX = 127;
const UINT8_MAX = 255;

export function exportQdqModel(floatModel: Model, plan: QdqExportPlan): Model {
  const model = cloneModel(floatModel);
  const opset = defaultOpset(model);
  if (opset < 13) throw new QdqExportError(`QDQ export needs opset 13 or later (per-channel DequantizeLinear); the model has opset ${opset}`);
  settleExportOpset(model);
  const graph = model.graph;
  const builder = new GraphBuilder(graph, 'qdq');
  const nodesByName = new Map(graph.nodes.map((n) => [n.name, n]));
  /** Nodes to put right after a tensor's producer (null: at the start, for graph inputs and weights). */
  const insertions = new Map<Node | null, Node[]>();
  const insertAfter = (producer: Node | null, nodes: Node[]): void => {
    insertions.set(producer, [...(insertions.get(producer) ?? []), ...nodes]);
  };
  const replacements = new Map<Node, Node[]>();

  // The bias scale s_x · s_w takes the scale of the activation a layer reads as input 0.
  const inputActivationOf = new Map(plan.activations.flatMap((a) => activationReads(a).filter((r) => r.input === 0).map((r) => [r.node, a] as const)));
  for (const weight of plan.weights) {
    const node = nodesByName.get(weight.node);
    if (!node) throw new QdqExportError(`weight '${weight.tensor}': node '${weight.node}' is not in the model`);
    if (node.inputs[1] !== weight.tensor) throw new QdqExportError(`node '${node.name}' does not read weight '${weight.tensor}' as its input 1`);
    const tensor = graph.initializers.get(weight.tensor);
    if (!tensor) throw new QdqExportError(`weight '${weight.tensor}' is not an initializer`);
    const dequantized = addDequantizedWeight(builder, tensor, weight);
    node.inputs[1] = dequantized.output;
    insertAfter(null, [dequantized.node]);
    const bias = graph.initializers.get(node.inputs[2] ?? '');
    const activation = inputActivationOf.get(node.name);
    if (bias && activation && INTEGER_BIAS_OP_TYPES.has(node.opType) && bias.data instanceof Float32Array && bias.data.length === dequantized.scales.length) {
      const dequantizedBias = addDequantizedBias(builder, bias, activation.scale, dequantized.scales, bias.name);
      node.inputs[2] = dequantizedBias.output;
      insertAfter(null, [dequantizedBias.node]);
    }
  }

  for (const activation of plan.activations) {
    const producer = graph.nodes.find((n) => n.outputs.includes(activation.tensor)) ?? null;
    if (producer && producer.opType === 'Flatten' && getInt(producer, 'axis', 1) === 1) replacements.set(producer, [flattenAsReshape(builder, producer)]);
    let names = claimNames(builder, activation.tensor, 0);
    insertAfter(producer, activationQdqNodes(builder, activation, names));
    activationReads(activation).forEach((read, copy) => {
      const consumer = nodesByName.get(read.node);
      if (!consumer) throw new QdqExportError(`activation '${activation.tensor}': consumer '${read.node}' is not in the model`);
      if (consumer.inputs[read.input] !== activation.tensor) throw new QdqExportError(`node '${read.node}' does not read '${activation.tensor}' as its input ${read.input}`);
      if (copy > 0 && !activation.atProducer) {
        names = claimNames(builder, activation.tensor, copy);
        insertAfter(producer, activationQdqNodes(builder, activation, names));
      }
      consumer.inputs[read.input] = names.dequantized;
    });
  }

  const barriers = plan.activations.length > 0 ? floatLayerBarriers(builder, plan.floatNodes ?? []) : new Map<Node, Node[]>();
  const ordered: Node[] = [...(insertions.get(null) ?? [])];
  for (const node of graph.nodes) {
    ordered.push(...(barriers.get(node) ?? []));
    ordered.push(...(replacements.get(node) ?? [node]));
    ordered.push(...(insertions.get(node) ?? []));
  }
  graph.nodes = ordered;
  removeUnusedNodes(graph);
  model.metadata.set('distq.weight_bits', String(uniqueBits(plan.weights.map((w) => symmetricRangeBits(w.qmax)))));
  model.metadata.set('distq.activation_bits', String(uniqueBits(plan.activations.map((a) => activationRangeBits(a.qmin, a.qmax)))));
  model.metadata.set('distq.storage', 'QDQ: int8 weights symmetric per-channel (zero point 0), int8 or uint8 activations per-tensor; weights below 8 bits use a sub-range of int8, activations below 8 bits the grid of their bit width without its clipping');
  return model;
}

function uniqueBits(bits: number[]): string {
  const distinct = [...new Set(bits)].sort((a, b) => a - b);
  return distinct.length === 0 ? 'none' : distinct.join(',');
}

/** Claims the conventional names for one of an activation's Q/DQ pairs; a clash would break analysis lookups. */
function claimNames(builder: GraphBuilder, tensor: string, copy: number): ReturnType<typeof qdqTensorNames> {
  const names = qdqTensorNames(tensor, copy);
  for (const name of Object.values(names)) {
    if (builder.uniqueName(name) !== name) throw new QdqExportError(`cannot export '${tensor}': the model already has a tensor named '${name}'`);
  }
  return names;
}

function activationQdqNodes(builder: GraphBuilder, activation: QdqActivationPlan, names: ReturnType<typeof qdqTensorNames>): Node[] {
  const { qmin, qmax, scale, zeroPoint } = activation;
  const unsigned = qmin >= 0;
  if (unsigned ? qmax > UINT8_MAX : qmin < INT8_MIN || qmax > INT8_MAX) throw new QdqExportError(`activation '${activation.tensor}': range [${qmin}, ${qmax}] fits neither int8 nor uint8`);
  if (!Number.isInteger(zeroPoint) || zeroPoint < qmin || zeroPoint > qmax) throw new QdqExportError(`activation '${activation.tensor}': zero point ${zeroPoint} is not an integer in [${qmin}, ${qmax}]`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new QdqExportError(`activation '${activation.tensor}': scale ${scale} is not a positive number`);
  const graph = builder.graph;
  graph.initializers.set(names.scale, makeTensor(names.scale, DataType.FLOAT, [], Float32Array.of(scale)));
  graph.initializers.set(names.zeroPoint, unsigned ? makeTensor(names.zeroPoint, DataType.UINT8, [], Uint8Array.of(zeroPoint)) : makeTensor(names.zeroPoint, DataType.INT8, [], Int8Array.of(zeroPoint)));
  // A range narrower than 8 bits is not clipped here: QuantizeLinear saturates to the 8-bit
  // type only, and an integer Clip between QuantizeLinear and DequantizeLinear would keep
  // ONNX Runtime from fusing the producer and the readers into integer kernels.
  return [
    makeNode('QuantizeLinear', [activation.tensor, names.scale, names.zeroPoint], [names.quantized], builder.uniqueName(`${activation.tensor}_QuantizeLinear`)),
    makeNode('DequantizeLinear', [names.quantized, names.scale, names.zeroPoint], [names.dequantized], builder.uniqueName(`${activation.tensor}_DequantizeLinear`)),
  ];
}

function addDequantizedWeight(builder: GraphBuilder, tensor: Tensor, plan: QdqWeightPlan): { node: Node; output: string; scales: Float32Array } {
  const graph = builder.graph;
  const { channelAxis } = plan;
  const baseName = tensor.name;
  const { values, scales } = quantizeWeightPerChannel(tensor, channelAxis, plan.qmin, plan.qmax);
  const quantizedName = builder.uniqueName(`${baseName}_quantized`);
  const scaleName = builder.uniqueName(`${baseName}_scale`);
  const zeroPointName = builder.uniqueName(`${baseName}_zero_point`);
  const output = builder.uniqueName(qdqTensorNames(baseName).dequantized);
  graph.initializers.set(quantizedName, makeTensor(quantizedName, DataType.INT8, tensor.dims, values));
  graph.initializers.set(scaleName, makeTensor(scaleName, DataType.FLOAT, [scales.length], scales));
  graph.initializers.set(zeroPointName, makeTensor(zeroPointName, DataType.INT8, [scales.length], new Int8Array(scales.length)));
  const node = makeNode('DequantizeLinear', [quantizedName, scaleName, zeroPointName], [output], builder.uniqueName(`${baseName}_DequantizeLinear`), { axis: attr.int(channelAxis) });
  return { node, output, scales };
}

/**
 * A per-channel float bias as int32 with scale s_x · s_w[c] and zero point 0 (a bias of
 * another shape stays float), as ONNX Runtime's quantizer
 * stores it: its CPU provider fuses a Gemm with float output into QGemm only when every
 * input, the bias included, comes from a DequantizeLinear (and quantizes fused biases
 * this same way when the bias is float).
 */
function addDequantizedBias(builder: GraphBuilder, bias: Tensor, activationScale: number, weightScales: Float32Array, baseName: string): { node: Node; output: string } {
  const data = bias.data as Float32Array;
  const graph = builder.graph;
  const scales = weightScales.map((w) => Math.fround(Math.fround(activationScale) * w));
  const values = new Int32Array(scales.length);
  for (let c = 0; c < values.length; c++) values[c] = Math.min(INT32_MAX, Math.max(INT32_MIN, roundHalfToEven(Math.fround(data[c]! / scales[c]!))));
  const quantizedName = builder.uniqueName(`${baseName}_quantized`);
  const scaleName = builder.uniqueName(`${baseName}_scale`);
  const zeroPointName = builder.uniqueName(`${baseName}_zero_point`);
  const output = builder.uniqueName(qdqTensorNames(baseName).dequantized);
  graph.initializers.set(quantizedName, makeTensor(quantizedName, DataType.INT32, [values.length], values));
  graph.initializers.set(scaleName, makeTensor(scaleName, DataType.FLOAT, [values.length], scales));
  graph.initializers.set(zeroPointName, makeTensor(zeroPointName, DataType.INT32, [values.length], new Int32Array(values.length)));
  const node = makeNode('DequantizeLinear', [quantizedName, scaleName, zeroPointName], [output], builder.uniqueName(`${baseName}_DequantizeLinear`), { axis: attr.int(0) });
  return { node, output };
}

/**
 * Flatten(axis = 1) → Reshape([0, −1]), the same values: ONNX Runtime moves a
 * QuantizeLinear backwards across Reshape (and MaxPool) but not across Flatten, and
 * that move is what lets the Conv before a classifier run as QLinearConv.
 */
function flattenAsReshape(builder: GraphBuilder, flatten: Node): Node {
  const shape = builder.int64Constant('flatten_shape', [0, -1]);
  return makeNode('Reshape', [flatten.inputs[0]!, shape], [...flatten.outputs], flatten.name);
}
