/**
 * Reads token datasets tokenized elsewhere (e.g. by a Hugging Face tokenizer) from one .npz with,
 * for each split S (`train`, `test`):
 * - `S_input_ids`: integer (N, L) token ids;
 * - `S_attention_mask`: integer or bool (N, L), 1 on tokens and 0 on padding. Required: the pad id
 *   differs between tokenizers (0 for BERT, 1 for RoBERTa), so it cannot be derived from the ids;
 * - `S_labels`: integer (N,) or (N, 1) class indices.
 * The vocabulary size and class count default to the largest id and label over both splits + 1.
 */
import { DataFileError, formatShape } from '../errors.ts';
import type { NpyArray } from '../npy.ts';
import { loadNpz } from '../npz.ts';
import { createTokenDataset, type TokenDataset } from './tokenDataset.ts';

export interface TokenNpzOptions {
  /** The model's embedding rows; every id must be below it. Default: the largest id + 1. */
  vocabSize?: number;
  /** Default: the largest label + 1. */
  classCount?: number;
}

export interface TokenNpzSplits {
  train: TokenDataset;
  test: TokenDataset;
}

interface SplitArrays {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  labels: Int32Array;
  sequenceLength: number;
}

export const TOKEN_NPZ_SPLITS = ['train', 'test'] as const;

export function loadTokenNpz(file: string, options: TokenNpzOptions = {}): TokenNpzSplits {
  const archive = loadNpz(file);
  const [train, test] = TOKEN_NPZ_SPLITS.map((split) => readSplit(archive, file, split)) as [SplitArrays, SplitArrays];
  const vocabSize = options.vocabSize ?? Number(largest(train.inputIds, test.inputIds)) + 1;
  const classCount = options.classCount ?? Math.max(largestLabel(train.labels), largestLabel(test.labels)) + 1;
  const build = (arrays: SplitArrays, split: string): TokenDataset => {
    try {
      return createTokenDataset({ ...arrays, vocabSize, classCount });
    } catch (error) {
      throw new DataFileError(file, `split '${split}': ${(error as Error).message}`);
    }
  };
  return { train: build(train, 'train'), test: build(test, 'test') };
}

function readSplit(archive: Map<string, NpyArray>, file: string, split: string): SplitArrays {
  const get = (name: string): { array: NpyArray; fail: (problem: string) => never } => {
    const key = `${split}_${name}`;
    const array = archive.get(key);
    if (array === undefined) {
      const available = [...archive.keys()].map((k) => `'${k}'`).join(', ') || 'none';
      throw new DataFileError(file, `has no array '${key}' (available: ${available}); a token .npz holds train_/test_ input_ids, attention_mask and labels`);
    }
    return { array, fail: (problem) => { throw new DataFileError(file, problem, key); } };
  };
  const ids = get('input_ids');
  const mask = get('attention_mask');
  const labels = get('labels');
  if (ids.array.shape.length !== 2) ids.fail(`input ids must have shape (N, L), got ${formatShape(ids.array.shape)}`);
  const [count, sequenceLength] = ids.array.shape as [number, number];
  if (count === 0 || sequenceLength === 0) ids.fail(`holds no tokens: shape ${formatShape(ids.array.shape)}`);
  if (mask.array.shape.length !== 2 || mask.array.shape[0] !== count || mask.array.shape[1] !== sequenceLength) {
    mask.fail(`must have the input ids' shape ${formatShape(ids.array.shape)}, got ${formatShape(mask.array.shape)}`);
  }
  const labelShape = labels.array.shape;
  if (!(labelShape.length === 1 || (labelShape.length === 2 && labelShape[1] === 1)) || labelShape[0] !== count) {
    labels.fail(`must have shape (${count},) to match ${count} sequences, got ${formatShape(labelShape)}`);
  }
  return {
    inputIds: integersOf(ids.array, ids.fail, 'token ids'),
    attentionMask: integersOf(mask.array, mask.fail, 'mask values', true),
    labels: labelsOf(labels.array, labels.fail),
    sequenceLength,
  };
}

function integersOf(array: NpyArray, fail: (problem: string) => never, what: string, allowBool = false): BigInt64Array {
  const { dtype, data } = array;
  if (dtype === 'float32' || dtype === 'float64' || (dtype === 'bool' && !allowBool)) fail(`${what} must be integers, got ${dtype}; save them with .astype(numpy.int64)`);
  if (data instanceof BigInt64Array) return data;
  const values = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (typeof value === 'bigint' && value > 0x7fffffffffffffffn) fail(`${what}: ${value} at flat index ${i} does not fit int64`);
    values[i] = BigInt(value);
  }
  return values;
}

function labelsOf(array: NpyArray, fail: (problem: string) => never): Int32Array {
  const values = integersOf(array, fail, 'labels');
  const labels = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value < 0n || value > 0x7fffffffn) fail(`label ${value} at index ${i} is not a class index (0 or more)`);
    labels[i] = Number(value);
  }
  return labels;
}

function largest(...arrays: BigInt64Array[]): bigint {
  let result = -1n;
  for (const array of arrays) for (const value of array) if (value > result) result = value;
  return result;
}

function largestLabel(labels: Int32Array): number {
  let result = -1;
  for (const label of labels) result = Math.max(result, label);
  return result;
}
