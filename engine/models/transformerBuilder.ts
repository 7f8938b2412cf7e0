/**
 * Builds a small BERT-style encoder classifier with the engine's own helpers, at opset 17
 * (LayerNormalization; GELU in its Erf form). Tensors carry readable names so layer
 * mappings can refer to them, i the layer index from 0:
 *   embeddings/output                the LayerNorm of token + position embeddings
 *   layer{i}/attention/query|key|value   the projections, [N, L, D]
 *   layer{i}/attention/probs         the Softmax over keys, [N, heads, L, L]
 *   layer{i}/attention/projection    the output projection, [N, L, D]
 *   layer{i}/attention/output        LayerNorm(projection + layer input), as BERT's attention output
 *   layer{i}/ffn/intermediate        GELU of the first FFN linear, [N, L, intermediate]
 *   layer{i}/ffn/output              the second FFN linear, [N, L, D]
 *   layer{i}/output                  LayerNorm(ffn output + attention output): the layer's output
 *   pooled                           the [CLS] (position 0) vector, [N, D]
 *   logits                           [N, classes]
 * Weights are `<tensor>.weight`/`.bias` (linears, stored [in, out]) and `<tensor>.scale`/`.bias` (LayerNorm).
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, DEFAULT_OPSET, makeGraph, makeModel, makeValueInfo } from '../onnx/builder.ts';
import type { Dim, Model } from '../onnx/ir.ts';
import { SeededRandom } from '../util/random.ts';
import { addGeluConstants, NamedGraphWriter, type GeluConstants } from './transformerGraphWriter.ts';

export interface TransformerClassifierSpec {
  name: string;
  vocabularySize: number;
  /** L: the fixed sequence length (the position table has this many rows). */
  sequenceLength: number;
  /** D. */
  hiddenSize: number;
  heads: number;
  layers: number;
  /** FFN width; default 4·D. */
  intermediateSize?: number;
  classes: number;
  /** Default 1e-12, as BERT. */
  layerNormEpsilon?: number;
  seed?: number;
}

export const TRANSFORMER_INPUT_IDS = 'input_ids';
export const TRANSFORMER_ATTENTION_MASK = 'attention_mask';
export const TRANSFORMER_OUTPUT = 'logits';

/** What every encoder layer reads besides its input. */
interface EncoderContext {
  writer: NamedGraphWriter;
  hiddenSize: number;
  heads: number;
  intermediateSize: number;
  epsilon: number;
  /** [N, 1, 1, L]: 0 where attended, −1e4 where padded. */
  attentionBias: string;
  /** 1/√(D/heads), the scale of the dot products. */
  scoreScale: string;
  /** Reshape target [N, L, heads, D/heads] (0 copies N and L). */
  splitHeadsShape: string;
  /** Reshape target [N, L, D]. */
  mergeHeadsShape: string;
  gelu: GeluConstants;
}

export function buildTransformerClassifier(spec: TransformerClassifierSpec): Model {
  const { hiddenSize, heads, sequenceLength } = spec;
  if (hiddenSize % heads !== 0) throw new Error(`${spec.name}: hidden size ${hiddenSize} is not divisible by ${heads} heads`);
  const headSize = hiddenSize / heads;
  const writer = new NamedGraphWriter(new SeededRandom(spec.seed ?? 1));
  const epsilon = spec.layerNormEpsilon ?? 1e-12;

  const embedded = addEmbeddings(writer, spec, epsilon);
  const context: EncoderContext = {
    writer,
    hiddenSize,
    heads,
    intermediateSize: spec.intermediateSize ?? 4 * hiddenSize,
    epsilon,
    attentionBias: addAttentionBias(writer),
    scoreScale: writer.floatConstant('constants/attention_scale', 1 / Math.sqrt(headSize)),
    splitHeadsShape: writer.int64Constant('constants/split_heads_shape', [0, 0, heads, headSize]),
    mergeHeadsShape: writer.int64Constant('constants/merge_heads_shape', [0, 0, hiddenSize]),
    gelu: addGeluConstants(writer),
  };
  let hidden = embedded;
  for (let i = 0; i < spec.layers; i++) hidden = addEncoderLayer(context, `layer${i}`, hidden);

  const sequenceAxis = writer.int64Constant('constants/sequence_axis', [1]);
  const clsStart = writer.int64Constant('constants/cls_start', [0]);
  const clsEnd = writer.int64Constant('constants/cls_end', [1]);
  const clsVector = writer.node('Slice', [hidden, clsStart, clsEnd, sequenceAxis], 'pooled/slice');
  const pooled = writer.node('Squeeze', [clsVector, sequenceAxis], 'pooled');
  writer.linear(pooled, TRANSFORMER_OUTPUT, hiddenSize, spec.classes);

  const batch: Dim = 'N';
  const graph = makeGraph(
    spec.name,
    writer.nodes,
    [makeValueInfo(TRANSFORMER_INPUT_IDS, DataType.INT64, [batch, sequenceLength]), makeValueInfo(TRANSFORMER_ATTENTION_MASK, DataType.INT64, [batch, sequenceLength])],
    [makeValueInfo(TRANSFORMER_OUTPUT, DataType.FLOAT, [batch, spec.classes])],
    writer.initializers,
  );
  return makeModel(graph, [{ domain: '', version: DEFAULT_OPSET }]);
}

/** LayerNorm(token embedding + learned position embedding), [N, L, D]. */
function addEmbeddings(writer: NamedGraphWriter, spec: TransformerClassifierSpec, epsilon: number): string {
  const tokenTable = writer.embeddingTable('embeddings/token.weight', spec.vocabularySize, spec.hiddenSize);
  const positionTable = writer.embeddingTable('embeddings/position.weight', spec.sequenceLength, spec.hiddenSize);
  const positionIds = writer.int64Constant('embeddings/position_ids', Array.from({ length: spec.sequenceLength }, (_, i) => i));
  const tokens = writer.node('Gather', [tokenTable, TRANSFORMER_INPUT_IDS], 'embeddings/token', { axis: attr.int(0) });
  // A Gather rather than adding the table directly, so the table is found as a trainable embedding.
  const positions = writer.node('Gather', [positionTable, positionIds], 'embeddings/position', { axis: attr.int(0) });
  const sum = writer.node('Add', [tokens, positions], 'embeddings/sum');
  return writer.layerNorm(sum, 'embeddings/output', spec.hiddenSize, epsilon);
}

/** (1 − mask)·(−1e4) as [N, 1, 1, L]: added to the scores, it zeroes padded keys after Softmax. */
function addAttentionBias(writer: NamedGraphWriter): string {
  const mask = writer.node('Cast', [TRANSFORMER_ATTENTION_MASK], 'attention_mask/float', { to: attr.int(DataType.FLOAT) });
  const padded = writer.node('Sub', [writer.floatConstant('constants/one_for_mask', 1), mask], 'attention_mask/padded');
  const bias = writer.node('Mul', [padded, writer.floatConstant('constants/mask_penalty', -1e4)], 'attention_mask/bias_2d');
  return writer.node('Unsqueeze', [bias, writer.int64Constant('constants/head_and_query_axes', [1, 2])], 'attention_mask/bias');
}

function addEncoderLayer(c: EncoderContext, prefix: string, input: string): string {
  const attention = addSelfAttention(c, `${prefix}/attention`, input);
  const w = c.writer;
  const intermediate = w.gelu(w.linear(attention, `${prefix}/ffn/intermediate_linear`, c.hiddenSize, c.intermediateSize), `${prefix}/ffn/intermediate`, c.gelu);
  const ffnOutput = w.linear(intermediate, `${prefix}/ffn/output`, c.intermediateSize, c.hiddenSize);
  const residual = w.node('Add', [ffnOutput, attention], `${prefix}/ffn/residual`);
  return w.layerNorm(residual, `${prefix}/output`, c.hiddenSize, c.epsilon);
}

/** Multi-head self-attention with its residual and LayerNorm; returns `<prefix>/output`. */
function addSelfAttention(c: EncoderContext, prefix: string, input: string): string {
  const w = c.writer;
  const query = w.linear(input, `${prefix}/query`, c.hiddenSize, c.hiddenSize);
  const key = w.linear(input, `${prefix}/key`, c.hiddenSize, c.hiddenSize);
  const value = w.linear(input, `${prefix}/value`, c.hiddenSize, c.hiddenSize);
  // [N, L, D] → [N, L, heads, D/heads] → [N, heads, L, D/heads]; keys go to [N, heads, D/heads, L].
  const split = (tensor: string, perm: number[], name: string): string =>
    w.node('Transpose', [w.node('Reshape', [tensor, c.splitHeadsShape], `${name}_split`)], name, { perm: attr.ints(perm) });
  const queryHeads = split(query, [0, 2, 1, 3], `${prefix}/query_heads`);
  const keyHeadsTransposed = split(key, [0, 2, 3, 1], `${prefix}/key_heads_transposed`);
  const valueHeads = split(value, [0, 2, 1, 3], `${prefix}/value_heads`);

  const scores = w.node('Mul', [w.node('MatMul', [queryHeads, keyHeadsTransposed], `${prefix}/scores_unscaled`), c.scoreScale], `${prefix}/scores`);
  const masked = w.node('Add', [scores, c.attentionBias], `${prefix}/scores_masked`);
  const probs = w.node('Softmax', [masked], `${prefix}/probs`, { axis: attr.int(-1) });
  const contextHeads = w.node('MatMul', [probs, valueHeads], `${prefix}/context_heads`);
  const merged = w.node('Transpose', [contextHeads], `${prefix}/context_transposed`, { perm: attr.ints([0, 2, 1, 3]) });
  const contextVectors = w.node('Reshape', [merged, c.mergeHeadsShape], `${prefix}/context`);

  const projection = w.linear(contextVectors, `${prefix}/projection`, c.hiddenSize, c.hiddenSize);
  const residual = w.node('Add', [projection, input], `${prefix}/residual`);
  return w.layerNorm(residual, `${prefix}/output`, c.hiddenSize, c.epsilon);
}
