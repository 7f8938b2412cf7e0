/**
 * Folds an inference-form BatchNormalization that directly follows a Conv or Gemm
 * into that node's weight and bias initializers, when nothing else reads the tensor
 * between them. Run before QAT so the weights that get fake-quantized are the folded
 * ones, which is what the exported INT8 model computes.
 */
import { attr, getFloat, getInt, optionalInput } from '../builder.ts';
import { DataType } from '../dataType.ts';
import type { Graph, Model, Node, Tensor } from '../ir.ts';

/** scale / √(var + ε) and β − mean · that, per channel. */
interface ChannelAffine {
  multiplier: Float64Array;
  shift: Float64Array;
}

function floatsOf(tensor: Tensor): Float64Array | undefined {
  if (tensor.dataType !== DataType.FLOAT && tensor.dataType !== DataType.DOUBLE) return undefined;
  return Float64Array.from(tensor.data as Float32Array | Float64Array);
}

function tensorLike(original: Tensor, name: string, dims: number[], values: Float64Array): Tensor {
  const data = original.dataType === DataType.DOUBLE ? Float64Array.from(values) : Float32Array.from(values);
  return { name, dataType: original.dataType, dims, data };
}

function channelAffine(graph: Graph, batchNorm: Node, channels: number): ChannelAffine | undefined {
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((i) => {
    const name = optionalInput(batchNorm, i);
    const tensor = name === undefined ? undefined : graph.initializers.get(name);
    return tensor ? floatsOf(tensor) : undefined;
  });
  if (!scale || !bias || !mean || !variance || [scale, bias, mean, variance].some((v) => v.length !== channels)) return undefined;
  const epsilon = getFloat(batchNorm, 'epsilon', 1e-5);
  const multiplier = scale.map((g, m) => g / Math.sqrt(variance[m]! + epsilon));
  return { multiplier, shift: bias.map((b, m) => b - mean[m]! * multiplier[m]!) };
}

class NameAllocator {
  private readonly used = new Set<string>();
  constructor(graph: Graph) {
    for (const name of graph.initializers.keys()) this.used.add(name);
    for (const node of graph.nodes) for (const o of node.outputs) this.used.add(o);
    for (const input of graph.inputs) this.used.add(input.name);
  }
  fresh(base: string): string {
    let name = base;
    for (let k = 1; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }
}

/** The Conv with W and bias scaled per output channel, or undefined when they are not constants. */
function foldIntoConv(graph: Graph, conv: Node, batchNorm: Node, names: NameAllocator): Node | undefined {
  const weight = graph.initializers.get(conv.inputs[1] ?? '');
  const weights = weight && floatsOf(weight);
  if (!weight || !weights) return undefined;
  const channels = weight.dims[0]!;
  const affine = channelAffine(graph, batchNorm, channels);
  const biasName = optionalInput(conv, 2);
  const bias = biasName === undefined ? new Float64Array(channels) : graph.initializers.get(biasName) && floatsOf(graph.initializers.get(biasName)!);
  if (!affine || !bias || bias.length !== channels) return undefined;
  const block = weights.length / channels;
  const folded = weights.map((w, i) => w * affine.multiplier[Math.floor(i / block)]!);
  const foldedBias = bias.map((b, m) => b * affine.multiplier[m]! + affine.shift[m]!);
  const weightName = names.fresh(`${weight.name}_bn_folded`);
  const biasFoldedName = names.fresh(`${biasName ?? `${conv.name || 'conv'}_bias`}_bn_folded`);
  graph.initializers.set(weightName, tensorLike(weight, weightName, weight.dims, folded));
  graph.initializers.set(biasFoldedName, tensorLike(weight, biasFoldedName, [channels], foldedBias));
  return { ...conv, inputs: [conv.inputs[0]!, weightName, biasFoldedName], outputs: [batchNorm.outputs[0]!], attributes: new Map(conv.attributes) };
}

/** The Gemm with B's output columns and C scaled (C becomes β·C folded, β = 1). */
function foldIntoGemm(graph: Graph, gemm: Node, batchNorm: Node, names: NameAllocator): Node | undefined {
  const weight = graph.initializers.get(gemm.inputs[1] ?? '');
  const weights = weight && floatsOf(weight);
  if (!weight || !weights || weight.dims.length !== 2) return undefined;
  const transB = getInt(gemm, 'transB', 0) === 1;
  const [rows, columns] = weight.dims as [number, number];
  const channels = transB ? rows : columns;
  const affine = channelAffine(graph, batchNorm, channels);
  if (!affine) return undefined;
  const channelOf = (i: number): number => (transB ? Math.floor(i / columns) : i % columns);
  const folded = weights.map((w, i) => w * affine.multiplier[channelOf(i)]!);
  const cName = optionalInput(gemm, 2);
  const c = cName === undefined ? undefined : graph.initializers.get(cName);
  const cValues = c && floatsOf(c);
  if (cName !== undefined && !cValues) return undefined;
  const beta = getFloat(gemm, 'beta', 1);
  // C broadcasts against [M, channels]: keep its row count when it has one.
  const cDims = c?.dims ?? [];
  const outputDims = cDims.length === 2 ? [cDims[0]!, channels] : [channels];
  const cAt = (row: number, channel: number): number => {
    if (!c || !cValues) return 0;
    const r = cDims.length === 2 && cDims[0] !== 1 ? row : 0;
    const ch = cDims.length >= 1 && cDims[cDims.length - 1] !== 1 ? channel : 0;
    return cValues[cDims.length === 2 ? r * cDims[1]! + ch : ch]!;
  };
  const foldedC = new Float64Array(outputDims.reduce((a, b) => a * b, 1)).map((_, i) => {
    const channel = i % channels;
    return beta * cAt(Math.floor(i / channels), channel) * affine.multiplier[channel]! + affine.shift[channel]!;
  });
  const weightName = names.fresh(`${weight.name}_bn_folded`);
  const cFoldedName = names.fresh(`${cName ?? `${gemm.name || 'gemm'}_bias`}_bn_folded`);
  graph.initializers.set(weightName, tensorLike(weight, weightName, weight.dims, folded));
  graph.initializers.set(cFoldedName, tensorLike(weight, cFoldedName, outputDims, foldedC));
  const attributes = new Map(gemm.attributes);
  attributes.set('beta', attr.float(1));
  return { ...gemm, inputs: [gemm.inputs[0]!, weightName, cFoldedName], outputs: [batchNorm.outputs[0]!], attributes };
}

/** A copy of the model with every foldable Conv/Gemm → BatchNormalization pair fused; the input model is not changed. */
export function foldBatchNormalization(model: Model): Model {
  const source = model.graph;
  const graph: Graph = { ...source, nodes: [...source.nodes], initializers: new Map(source.initializers), inputs: [...source.inputs], valueInfos: new Map(source.valueInfos) };
  const names = new NameAllocator(graph);
  const readers = new Map<string, number>();
  for (const node of graph.nodes) for (const input of node.inputs) if (input !== '') readers.set(input, (readers.get(input) ?? 0) + 1);
  for (const output of graph.outputs) readers.set(output.name, (readers.get(output.name) ?? 0) + 1);
  const producers = new Map<string, Node>();
  for (const node of graph.nodes) for (const output of node.outputs) producers.set(output, node);

  const removed = new Set<Node>();
  const replaced = new Map<Node, Node>();
  for (const batchNorm of graph.nodes) {
    if (batchNorm.opType !== 'BatchNormalization' || batchNorm.domain !== '' || getInt(batchNorm, 'training_mode', 0) !== 0) continue;
    if (batchNorm.outputs.slice(1).some((o) => o !== '')) continue;
    const between = batchNorm.inputs[0]!;
    const producer = producers.get(between);
    if (!producer || replaced.has(producer) || readers.get(between) !== 1 || producer.domain !== '') continue;
    const folded = producer.opType === 'Conv' ? foldIntoConv(graph, producer, batchNorm, names) : producer.opType === 'Gemm' ? foldIntoGemm(graph, producer, batchNorm, names) : undefined;
    if (!folded) continue;
    replaced.set(producer, folded);
    removed.add(batchNorm);
    graph.valueInfos.delete(between);
  }
  graph.nodes = graph.nodes.filter((n) => !removed.has(n)).map((n) => replaced.get(n) ?? n);

  // Initializers only the folded nodes read (old weights, BatchNormalization's parameters) go away.
  const stillRead = new Set(graph.nodes.flatMap((n) => n.inputs));
  for (const output of graph.outputs) stillRead.add(output.name);
  const candidates = [...removed, ...replaced.keys()].flatMap((n) => n.inputs);
  for (const name of candidates) {
    if (!stillRead.has(name)) graph.initializers.delete(name);
  }
  graph.inputs = graph.inputs.filter((i) => !source.initializers.has(i.name) || graph.initializers.has(i.name));
  return { ...model, graph };
}
