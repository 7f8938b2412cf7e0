/**
 * The in-memory dataset of a text task: fixed-length token ids and attention masks, one class label
 * per sequence, with the vocabulary size the ids were checked against. The ids and mask are int64
 * already because that is what BERT-style ONNX graphs take; `tokenDatasetAsDataset` gives the
 * trainer's two-input `Dataset` (../dataset.ts) over the same arrays.
 */
import { createDataset, type Dataset } from '../dataset.ts';

export interface TokenDataset {
  /** `count × sequenceLength` token ids in [0, vocabSize), row-major. */
  readonly inputIds: BigInt64Array;
  /** `count × sequenceLength` values, 1 on tokens a model attends to and 0 on padding. */
  readonly attentionMask: BigInt64Array;
  /** One class index in [0, classCount) per sequence. */
  readonly labels: Int32Array;
  readonly count: number;
  readonly sequenceLength: number;
  readonly vocabSize: number;
  readonly classCount: number;
}

/** Builds a token dataset after checking that sizes, ids, mask values and labels agree. */
export function createTokenDataset(parts: Omit<TokenDataset, 'count'>): TokenDataset {
  const { inputIds, attentionMask, labels, sequenceLength, vocabSize, classCount } = parts;
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1) throw new Error(`token dataset: sequence length ${sequenceLength} must be a positive integer`);
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`token dataset: vocabulary size ${vocabSize} must be a positive integer`);
  if (!Number.isInteger(classCount) || classCount < 1) throw new Error(`token dataset: class count ${classCount} must be a positive integer`);
  const values = labels.length * sequenceLength;
  if (inputIds.length !== values) throw new Error(`token dataset: ${inputIds.length} input ids do not make ${labels.length} sequences of length ${sequenceLength} (${values} ids)`);
  if (attentionMask.length !== values) throw new Error(`token dataset: ${attentionMask.length} attention-mask values do not make ${labels.length} sequences of length ${sequenceLength} (${values} values)`);
  const largestId = BigInt(vocabSize);
  for (let i = 0; i < values; i++) {
    const id = inputIds[i]!;
    if (id < 0n || id >= largestId) throw new Error(`token dataset: input id ${id} at sequence ${Math.floor(i / sequenceLength)}, position ${i % sequenceLength} is outside [0, ${vocabSize})`);
    const mask = attentionMask[i]!;
    if (mask !== 0n && mask !== 1n) throw new Error(`token dataset: attention-mask value ${mask} at sequence ${Math.floor(i / sequenceLength)}, position ${i % sequenceLength} is not 0 or 1`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0 || label >= classCount) throw new Error(`token dataset: label ${label} of sequence ${i} is outside [0, ${classCount})`);
  }
  return { inputIds, attentionMask, labels, count: labels.length, sequenceLength, vocabSize, classCount };
}

/** Input names of a token dataset as the trainer sees it: those of BERT-style ONNX graphs. */
export const INPUT_IDS = 'input_ids';
export const ATTENTION_MASK = 'attention_mask';

/** The token dataset as the trainer's Dataset: two int64 inputs, `input_ids` and `attention_mask`, of shape [L]. */
export function tokenDatasetAsDataset(tokens: TokenDataset): Dataset {
  const shape = [tokens.sequenceLength];
  return createDataset({
    inputs: [{ name: INPUT_IDS, values: tokens.inputIds, shape }, { name: ATTENTION_MASK, values: tokens.attentionMask, shape }],
    labels: tokens.labels,
    classCount: tokens.classCount,
  });
}
