/**
 * Epochs of mini-batches of a token dataset, in the same order as the image batches (../batches.ts)
 * for the same (seed, epoch): a seeded shuffle per epoch, the last partial batch kept by default.
 */
import { batchCount, epochOrder, type BatchOptions } from '../batches.ts';
import type { TokenDataset } from './tokenDataset.ts';

export interface TokenBatch {
  /** `size × sequenceLength` ids, contiguous. */
  readonly inputIds: BigInt64Array;
  /** `size × sequenceLength` mask values, contiguous. */
  readonly attentionMask: BigInt64Array;
  /** Class indices as int64, what the training graph's OneHot takes. */
  readonly labels: BigInt64Array;
  readonly size: number;
  /** The dataset index of each sequence in the batch. */
  readonly indices: Int32Array;
}

interface TokenBatchBuffers {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  labels: BigInt64Array;
  indices: Int32Array;
}

export function* iterateTokenBatches(dataset: TokenDataset, options: BatchOptions): Generator<TokenBatch, void, undefined> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size ${batchSize} must be a positive integer`);
  const length = dataset.sequenceLength;
  const order = epochOrder(dataset.count, options.seed, options.epoch, options.shuffle ?? true);
  const buffers = (options.reuseBuffers ?? true) ? allocate(batchSize, length) : undefined;
  const batches = batchCount(dataset.count, batchSize, options.dropLast ?? false);
  for (let batch = 0; batch < batches; batch++) {
    const start = batch * batchSize;
    const rows = Math.min(batchSize, dataset.count - start);
    const target = buffers ?? allocate(rows, length);
    for (let row = 0; row < rows; row++) {
      const index = order[start + row]!;
      target.inputIds.set(dataset.inputIds.subarray(index * length, (index + 1) * length), row * length);
      target.attentionMask.set(dataset.attentionMask.subarray(index * length, (index + 1) * length), row * length);
      target.labels[row] = BigInt(dataset.labels[index]!);
      target.indices[row] = index;
    }
    yield {
      inputIds: target.inputIds.subarray(0, rows * length),
      attentionMask: target.attentionMask.subarray(0, rows * length),
      labels: target.labels.subarray(0, rows),
      size: rows,
      indices: target.indices.subarray(0, rows),
    };
  }
}

function allocate(rows: number, length: number): TokenBatchBuffers {
  return {
    inputIds: new BigInt64Array(rows * length),
    attentionMask: new BigInt64Array(rows * length),
    labels: new BigInt64Array(rows),
    indices: new Int32Array(rows),
  };
}
