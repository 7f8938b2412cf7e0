/** Epochs of mini-batches: a seeded shuffle per (seed, epoch), contiguous copies, int64 labels. */
import { SeededRandom } from '../util/random.ts';
import { copyExample, exampleSize, type Dataset, type DatasetInput, type InputValues } from './dataset.ts';

/** One input of a batch: the dataset input's name and example shape, `size` examples of values. */
export interface BatchInput {
  readonly name: string;
  /** `size × product(shape)` values, contiguous. */
  readonly values: InputValues;
  readonly shape: readonly number[];
}

export interface Batch {
  /** Aligned with the dataset's inputs. */
  readonly inputs: readonly BatchInput[];
  /** Class indices as int64, what the training graph's OneHot takes. */
  readonly labels: BigInt64Array;
  readonly size: number;
  /** The dataset index of each example in the batch. */
  readonly indices: Int32Array;
}

export interface BatchOptions {
  batchSize: number;
  /** With `epoch`, fixes the order: the same (seed, epoch) always gives the same batches. */
  seed: number;
  /** 0-based epoch number. */
  epoch: number;
  /** Default true; false keeps dataset order. */
  shuffle?: boolean;
  /** Default false: the last, smaller batch is kept. */
  dropLast?: boolean;
  /**
   * Default true: every batch's arrays are views of buffers that the next batch overwrites, so use a
   * batch (or copy it) before asking for the next. False gives each batch arrays of its own.
   */
  reuseBuffers?: boolean;
}

export function batchCount(count: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
}

/** The dataset indices of one epoch, in the order batches take them. */
export function epochOrder(count: number, seed: number, epoch: number, shuffle = true): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  if (!shuffle) return order;
  const random = new SeededRandom(epochSeed(seed, epoch));
  for (let i = count - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

interface BatchBuffers {
  inputs: InputValues[];
  labels: BigInt64Array;
  indices: Int32Array;
}

export function* iterateBatches(dataset: Dataset, options: BatchOptions): Generator<Batch, void, undefined> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size ${batchSize} must be a positive integer`);
  const sizes = dataset.inputs.map((input) => exampleSize(input.shape));
  const order = epochOrder(dataset.count, options.seed, options.epoch, options.shuffle ?? true);
  const reuse = options.reuseBuffers ?? true;
  // No batch holds more than the whole dataset, so a batch size beyond it allocates no more.
  const buffers = reuse ? allocate(dataset.inputs, Math.min(batchSize, dataset.count)) : undefined;
  const batches = batchCount(dataset.count, batchSize, options.dropLast ?? false);
  for (let batch = 0; batch < batches; batch++) {
    const start = batch * batchSize;
    const batchLength = Math.min(batchSize, dataset.count - start);
    const target = buffers ?? allocate(dataset.inputs, batchLength);
    for (let row = 0; row < batchLength; row++) {
      const index = order[start + row]!;
      dataset.inputs.forEach((input, i) => copyExample(input.values, index, target.inputs[i]!, row, sizes[i]!));
      target.labels[row] = BigInt(dataset.labels[index]!);
      target.indices[row] = index;
    }
    yield {
      inputs: dataset.inputs.map((input, i) => ({ name: input.name, shape: input.shape, values: target.inputs[i]!.subarray(0, batchLength * sizes[i]!) })),
      labels: target.labels.subarray(0, batchLength),
      size: batchLength,
      indices: target.indices.subarray(0, batchLength),
    };
  }
}

function allocate(inputs: readonly DatasetInput[], rows: number): BatchBuffers {
  return {
    inputs: inputs.map((input) => {
      const length = rows * exampleSize(input.shape);
      return input.values instanceof Float32Array ? new Float32Array(length) : new BigInt64Array(length);
    }),
    labels: new BigInt64Array(rows),
    indices: new Int32Array(rows),
  };
}

/** One 32-bit seed per (seed, epoch), well mixed so neighbouring epochs share no structure (murmur3's finalizer). */
function epochSeed(seed: number, epoch: number): number {
  let h = (seed ^ Math.imul(epoch + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
