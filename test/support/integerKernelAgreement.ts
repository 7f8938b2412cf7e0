/**
 * How far ONNX Runtime's fused integer kernels stray from the QDQ graph they replace, one
 * kernel at a time. Unfused, the QDQ export computes exactly what the fake-quant model
 * computes; fused, each integer kernel computes the same real value (an exact int32
 * accumulator times s_x·s_w/s_y, plus the zero point) with float rounding of its own, so from
 * the same input codes its output code can differ only where that value lies within a float
 * rounding error of a rounding boundary, and then by one step. Through a deep network such
 * flips feed the next layers different inputs and the logits drift apart, so the check is made
 * per kernel: every QuantizeLinear output is recomputed by the fused kernels from the codes the
 * unfused graph gave its inputs, and compared with the unfused codes.
 */
import * as ort from 'onnxruntime-node';
import { makeValueInfo } from '../../engine/onnx/builder.ts';
import { cloneModel } from '../../engine/onnx/cloneModel.ts';
import type { Graph, Model, Node } from '../../engine/onnx/ir.ts';
import { encodeModel } from '../../engine/onnx/protoCodec.ts';

export interface KernelAgreement {
  /** Quantized tensors compared (QuantizeLinear outputs). */
  tensors: number;
  /** Codes compared and codes that differ, over all tensors. */
  codes: number;
  differing: number;
  /** The largest |Δcode| and the tensor where it occurs. */
  maxStep: number;
  worstTensor: string;
  /** The unfused graph's own outputs (the logits), from the same run. */
  unfusedOutputs: ort.InferenceSession.OnnxValueMapType;
}

type Feeds = Record<string, ort.Tensor>;

async function run(model: Model, feeds: Feeds, optimization: 'all' | 'disabled'): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(encodeModel(model), { graphOptimizationLevel: optimization, intraOpNumThreads: 1, logSeverityLevel: 3 });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** The nodes that compute `tensor` back to codes (QuantizeLinear outputs), initializers and graph inputs, in graph order. */
function sliceBehind(graph: Graph, tensor: string, producers: ReadonlyMap<string, Node>, leaves: Set<string>): Node[] {
  const included = new Set<Node>();
  const visit = (name: string): void => {
    const producer = producers.get(name);
    if (!producer || graph.initializers.has(name) || producer.opType === 'QuantizeLinear') {
      if (!graph.initializers.has(name)) leaves.add(name);
      return;
    }
    if (included.has(producer)) return;
    included.add(producer);
    for (const input of producer.inputs) if (input !== '') visit(input);
  };
  visit(tensor);
  return graph.nodes.filter((n) => included.has(n));
}

/**
 * Compares, for `feeds`, every QuantizeLinear output of `qdqModel` computed by the fused
 * kernels from the unfused graph's own input codes with the unfused graph's codes.
 */
export async function integerKernelAgreement(qdqModel: Model, feeds: Feeds): Promise<KernelAgreement> {
  const quantizers = qdqModel.graph.nodes.filter((n) => n.opType === 'QuantizeLinear');
  const codeType = (q: Node) => qdqModel.graph.initializers.get(q.inputs[2] ?? '')!.dataType;
  const capture = cloneModel(qdqModel);
  capture.graph.outputs.push(...quantizers.map((q) => makeValueInfo(q.outputs[0]!, codeType(q))));
  const unfused = await run(capture, feeds, 'disabled');

  // One model holding, side by side, each quantizer with the nodes behind it, its inputs renamed per slice.
  const sliced = cloneModel(qdqModel);
  const graph = sliced.graph;
  const producers = new Map(qdqModel.graph.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const graphInputs = new Map(qdqModel.graph.inputs.map((i) => [i.name, i]));
  graph.nodes = [];
  graph.inputs = [];
  graph.outputs = [];
  const slicedFeeds: Feeds = {};
  quantizers.forEach((quantizer, k) => {
    const leaves = new Set<string>();
    const nodes = [...sliceBehind(qdqModel.graph, quantizer.inputs[0]!, producers, leaves), quantizer];
    const rename = (name: string): string => (name === '' || qdqModel.graph.initializers.has(name) ? name : `slice${k}/${name}`);
    for (const node of nodes) graph.nodes.push({ ...node, name: `slice${k}/${node.name}`, inputs: node.inputs.map(rename), outputs: node.outputs.map(rename) });
    for (const leaf of leaves) {
      const declared = graphInputs.get(leaf);
      const code = unfused[leaf];
      const value = declared ? feeds[leaf] : code;
      if (!value) throw new Error(`slice of '${quantizer.outputs[0]}': no value for its input '${leaf}'`);
      const producer = producers.get(leaf);
      graph.inputs.push(makeValueInfo(rename(leaf), declared ? declared.dataType : codeType(producer!), [...value.dims]));
      slicedFeeds[rename(leaf)] = value;
    }
    graph.outputs.push(makeValueInfo(rename(quantizer.outputs[0]!), codeType(quantizer)));
  });
  const fused = await run(sliced, slicedFeeds, 'all');

  const agreement: KernelAgreement = { tensors: quantizers.length, codes: 0, differing: 0, maxStep: 0, worstTensor: '', unfusedOutputs: unfused };
  quantizers.forEach((quantizer, k) => {
    const name = quantizer.outputs[0]!;
    const expected = unfused[name]!.data as Uint8Array | Int8Array;
    const actual = fused[`slice${k}/${name}`]!.data as Uint8Array | Int8Array;
    agreement.codes += expected.length;
    for (let i = 0; i < expected.length; i++) {
      const step = Math.abs(expected[i]! - actual[i]!);
      if (step === 0) continue;
      agreement.differing += 1;
      if (step > agreement.maxStep) Object.assign(agreement, { maxStep: step, worstTensor: name });
    }
  });
  return agreement;
}
