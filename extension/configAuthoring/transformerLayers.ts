/**
 * Finds the encoder layers of a transformer in a model description, for the mapping
 * proposal. A model is a transformer when it has Softmax outputs of rank 4 ([N, heads, L, L]):
 * each is one layer's attention probabilities, in graph order. A layer's output is the last
 * LayerNorm output of rank 3 after its Softmax and before the next layer's.
 *
 * A LayerNorm is either one LayerNormalization op (opset ≥ 17) or, as PyTorch exports it
 * below opset 17, the chain ReduceMean → Sub → Pow → ReduceMean → Add → Sqrt → Div → Mul → Add,
 * whose last Add is the output. A description lists no node inputs, so the chain is found
 * as consecutive nodes in graph order (the exporter writes it so), skipping Constant nodes.
 */
import type { ModelDescription, TensorDescription } from '../../contracts/engineProtocol.ts';
import type { Dim } from '../../contracts/matcherShapes.ts';

export type ShapedTensor = TensorDescription & { shape: Dim[] };

export interface TransformerLayer {
  /** The Softmax over keys, [N, heads, L, L]. */
  attentionProbs: ShapedTensor;
  /** The layer's last LayerNorm output, [N, L, D]; undefined when the layer has none. */
  output: ShapedTensor | undefined;
}

const DECOMPOSED_LAYER_NORM = ['ReduceMean', 'Sub', 'Pow', 'ReduceMean', 'Add', 'Sqrt', 'Div', 'Mul', 'Add'];

/** Producers that are not computing nodes: graph inputs, initializers and Constant nodes. */
const NOT_COMPUTED = new Set(['input', 'initializer', 'Constant']);

function hasRank(tensor: TensorDescription, rank: number): tensor is ShapedTensor {
  return tensor.shape !== null && tensor.shape.length === rank;
}

/** The first output of each computing node, in graph order. */
function nodeOutputs(tensors: readonly TensorDescription[]): TensorDescription[] {
  const seen = new Set<string>();
  return tensors.filter((tensor) => {
    if (NOT_COMPUTED.has(tensor.producer)) return false;
    if (tensor.node === '') return true;
    if (seen.has(tensor.node)) return false;
    seen.add(tensor.node);
    return true;
  });
}

/** Names of the tensors that are LayerNorm outputs, either form. */
export function layerNormOutputs(model: ModelDescription): Set<string> {
  const outputs = nodeOutputs(model.tensors);
  const names = new Set<string>();
  const chainLength = DECOMPOSED_LAYER_NORM.length;
  outputs.forEach((tensor, i) => {
    if (tensor.producer === 'LayerNormalization') names.add(tensor.name);
    const chainStart = i - chainLength + 1;
    if (chainStart >= 0 && DECOMPOSED_LAYER_NORM.every((op, k) => outputs[chainStart + k]!.producer === op)) names.add(tensor.name);
  });
  return names;
}

/** The model's encoder layers in graph order; empty when it is not a transformer. */
export function transformerLayers(model: ModelDescription): TransformerLayer[] {
  const tensors = model.tensors;
  const softmaxes = tensors.flatMap((tensor, index) => (tensor.producer === 'Softmax' && hasRank(tensor, 4) ? [{ tensor, index }] : []));
  if (softmaxes.length === 0) return [];
  const layerNorms = layerNormOutputs(model);
  return softmaxes.map((softmax, k) => {
    const end = softmaxes[k + 1]?.index ?? tensors.length;
    let output: ShapedTensor | undefined;
    for (const tensor of tensors.slice(softmax.index + 1, end)) {
      if (layerNorms.has(tensor.name) && hasRank(tensor, 3)) output = tensor;
    }
    return { attentionProbs: softmax.tensor, output };
  });
}
