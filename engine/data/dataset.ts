/**
 * The in-memory dataset the trainer reads: one or more named inputs per example (an image; token
 * ids and an attention mask) and one class label per example.
 *
 * Inputs are float32 (images, features) or int64 (token ids, masks: what BERT-style ONNX graphs
 * take). Labels are an Int32Array of class indices: plain numbers are what class counts, accuracy
 * and subsets need, and `iterateBatches` (batches.ts) widens each batch's labels to the
 * BigInt64Array that the training graph's int64 OneHot input takes.
 */
export type InputValues = Float32Array | BigInt64Array;

export interface DatasetInput {
  /** The data's name for this input, e.g. `image` or `input_ids`; model inputs of the same names take it. */
  readonly name: string;
  /** `count × product(shape)` values, example after example, row-major. */
  readonly values: InputValues;
  /** The shape of one example, without the batch dimension, e.g. [1, 28, 28] or [128]. */
  readonly shape: readonly number[];
}

export interface Dataset {
  /** At least one input; all hold the same number of examples. */
  readonly inputs: readonly DatasetInput[];
  /** One class index in [0, classCount) per example. */
  readonly labels: Int32Array;
  readonly count: number;
  readonly classCount: number;
}

/** Values per example: the product of the shape. */
export function exampleSize(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

export function describeShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The values of examples [start, start + count) of one input, sharing its storage. */
export function exampleRange(input: DatasetInput, start: number, count: number): InputValues {
  const size = exampleSize(input.shape);
  return input.values.subarray(start * size, (start + count) * size);
}

/** Builds a dataset after checking that inputs, labels and class count agree. */
export function createDataset(parts: Omit<Dataset, 'count'>): Dataset {
  const { inputs, labels, classCount } = parts;
  if (inputs.length === 0) throw new Error('dataset: it has no inputs');
  const names = new Set<string>();
  for (const input of inputs) {
    if (names.has(input.name)) throw new Error(`dataset: two inputs are named '${input.name}'`);
    names.add(input.name);
    if (input.shape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
      throw new Error(`dataset: input '${input.name}' has shape ${describeShape(input.shape)}; dimensions must be positive integers`);
    }
    const size = exampleSize(input.shape);
    if (input.values.length !== labels.length * size) {
      throw new Error(`dataset: input '${input.name}' has ${input.values.length} values, which do not make ${labels.length} examples of shape ${describeShape(input.shape)} (${labels.length * size} values)`);
    }
  }
  if (!Number.isInteger(classCount) || classCount < 1) throw new Error(`dataset: class count ${classCount} must be a positive integer`);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0 || label >= classCount) throw new Error(`dataset: label ${label} of example ${i} is outside [0, ${classCount})`);
  }
  return { inputs: inputs.map((input) => ({ name: input.name, values: input.values, shape: [...input.shape] })), labels, count: labels.length, classCount };
}

/** A dataset of one float input, the common case of images and feature vectors. */
export function createFloatDataset(parts: { name?: string; values: Float32Array; shape: readonly number[]; labels: Int32Array; classCount: number }): Dataset {
  return createDataset({ inputs: [{ name: parts.name ?? 'input', values: parts.values, shape: parts.shape }], labels: parts.labels, classCount: parts.classCount });
}

/** Copies the examples at `indices`, in that order (repeats allowed). */
export function subsetDataset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= dataset.count) {
      throw new Error(`dataset: subset index ${index} is outside [0, ${dataset.count})`);
    }
  }
  const inputs = dataset.inputs.map((input) => {
    const size = exampleSize(input.shape);
    const values = input.values instanceof Float32Array ? new Float32Array(indices.length * size) : new BigInt64Array(indices.length * size);
    for (let i = 0; i < indices.length; i++) copyExample(input.values, indices[i]!, values, i, size);
    return { ...input, values };
  });
  const labels = Int32Array.from({ length: indices.length }, (_, i) => dataset.labels[indices[i]!]!);
  return { inputs, labels, count: indices.length, classCount: dataset.classCount };
}

/** Copies example `from` of `source` into row `to` of `target` (both of the same element type). */
export function copyExample(source: InputValues, from: number, target: InputValues, to: number, size: number): void {
  if (source instanceof Float32Array && target instanceof Float32Array) target.set(source.subarray(from * size, (from + 1) * size), to * size);
  else if (source instanceof BigInt64Array && target instanceof BigInt64Array) target.set(source.subarray(from * size, (from + 1) * size), to * size);
  else throw new Error('dataset: cannot copy between float32 and int64 values');
}

/** The first `count` examples (all of them if there are fewer), sharing storage with `dataset`. */
export function takeFirst(dataset: Dataset, count: number): Dataset {
  const kept = Math.max(0, Math.min(Math.floor(count), dataset.count));
  return {
    ...dataset,
    inputs: dataset.inputs.map((input) => ({ ...input, values: exampleRange(input, 0, kept) })),
    labels: dataset.labels.subarray(0, kept),
    count: kept,
  };
}

/** The same examples of a one-input dataset seen with another shape of the same size, e.g. [784] for an MLP. */
export function withInputShape(dataset: Dataset, shape: readonly number[]): Dataset {
  const [input, ...others] = dataset.inputs;
  if (!input || others.length > 0) throw new Error(`dataset: only a dataset of one input can be reshaped; this one has ${dataset.inputs.length}`);
  if (exampleSize(shape) !== exampleSize(input.shape) || shape.some((dim) => !Number.isInteger(dim) || dim < 1)) {
    throw new Error(`dataset: cannot view examples of shape ${describeShape(input.shape)} as ${describeShape(shape)}`);
  }
  return { ...dataset, inputs: [{ ...input, shape: [...shape] }] };
}

/** How many examples each class has. */
export function classCounts(dataset: Pick<Dataset, 'labels' | 'classCount'>): number[] {
  const counts = new Array<number>(dataset.classCount).fill(0);
  for (const label of dataset.labels) counts[label] = counts[label]! + 1;
  return counts;
}
