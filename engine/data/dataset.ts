/**
 * The in-memory dataset the trainer reads: one Float32Array of inputs and one label per example.
 *
 * Labels are an Int32Array of class indices: plain numbers are what class counts, accuracy and
 * subsets need, and `iterateBatches` (batches.ts) widens each batch's labels to the BigInt64Array
 * that the training graph's int64 OneHot input takes.
 */
export interface Dataset {
  /** `count × product(inputShape)` values, example after example, row-major. */
  readonly inputs: Float32Array;
  /** The shape of one example, without the batch dimension, e.g. [1, 28, 28]. */
  readonly inputShape: readonly number[];
  /** One class index in [0, classCount) per example. */
  readonly labels: Int32Array;
  readonly count: number;
  readonly classCount: number;
}

/** Values per example: the product of the input shape. */
export function exampleSize(inputShape: readonly number[]): number {
  return inputShape.reduce((product, dim) => product * dim, 1);
}

/** Builds a dataset after checking that inputs, labels and class count agree. */
export function createDataset(parts: Omit<Dataset, 'count'>): Dataset {
  const { inputs, inputShape, labels, classCount } = parts;
  if (inputShape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
    throw new Error(`dataset: input shape [${inputShape.join(', ')}] must be positive integers`);
  }
  const size = exampleSize(inputShape);
  if (inputs.length !== labels.length * size) {
    throw new Error(`dataset: ${inputs.length} input values do not make ${labels.length} examples of shape [${inputShape.join(', ')}] (${labels.length * size} values)`);
  }
  if (!Number.isInteger(classCount) || classCount < 1) throw new Error(`dataset: class count ${classCount} must be a positive integer`);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0 || label >= classCount) throw new Error(`dataset: label ${label} of example ${i} is outside [0, ${classCount})`);
  }
  return { inputs, inputShape: [...inputShape], labels, count: labels.length, classCount };
}

/** Copies the examples at `indices`, in that order (repeats allowed). */
export function subsetDataset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const size = exampleSize(dataset.inputShape);
  const inputs = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= dataset.count) {
      throw new Error(`dataset: subset index ${index} is outside [0, ${dataset.count})`);
    }
    inputs.set(dataset.inputs.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = dataset.labels[index]!;
  }
  return { inputs, inputShape: dataset.inputShape, labels, count: indices.length, classCount: dataset.classCount };
}

/** The first `count` examples (all of them if there are fewer), sharing storage with `dataset`. */
export function takeFirst(dataset: Dataset, count: number): Dataset {
  const kept = Math.max(0, Math.min(Math.floor(count), dataset.count));
  const size = exampleSize(dataset.inputShape);
  return { ...dataset, inputs: dataset.inputs.subarray(0, kept * size), labels: dataset.labels.subarray(0, kept), count: kept };
}

/** The same examples seen with another per-example shape of the same size, e.g. [784] for an MLP. */
export function withInputShape(dataset: Dataset, inputShape: readonly number[]): Dataset {
  if (exampleSize(inputShape) !== exampleSize(dataset.inputShape) || inputShape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
    throw new Error(`dataset: cannot view examples of shape [${dataset.inputShape.join(', ')}] as [${inputShape.join(', ')}]`);
  }
  return { ...dataset, inputShape: [...inputShape] };
}

/** How many examples each class has. */
export function classCounts(dataset: Pick<Dataset, 'labels' | 'classCount'>): number[] {
  const counts = new Array<number>(dataset.classCount).fill(0);
  for (const label of dataset.labels) counts[label] = counts[label]! + 1;
  return counts;
}
