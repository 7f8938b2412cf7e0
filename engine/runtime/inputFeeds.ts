/**
 * Dataset examples as onnxruntime-node feeds. `inputNames[i]` is the model input that takes the
 * dataset's input i (see bindModelInputs in commands/loadStudentModel.ts).
 */
import * as ort from 'onnxruntime-node';
import type { BatchInput } from '../data/batches.ts';
import { copyExample, exampleRange, exampleSize, type Dataset, type InputValues } from '../data/dataset.ts';

/** Wraps float32 or int64 values without copying. */
export function valuesTensor(values: InputValues, dims: readonly number[]): ort.Tensor {
  return values instanceof Float32Array ? new ort.Tensor('float32', values, dims) : new ort.Tensor('int64', values, dims);
}

/** The feeds of a batch: each input as a [size, ...shape] tensor under its model input's name. */
export function batchFeeds(inputNames: readonly string[], inputs: readonly BatchInput[], size: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  inputs.forEach((input, i) => {
    feeds[inputNames[i]!] = valuesTensor(input.values, [size, ...input.shape]);
  });
  return feeds;
}

/** The feeds of dataset examples [start, start + count), sharing the dataset's storage. */
export function datasetFeeds(inputNames: readonly string[], dataset: Dataset, start: number, count: number): Record<string, ort.Tensor> {
  return batchFeeds(inputNames, dataset.inputs.map((input) => ({ ...input, values: exampleRange(input, start, count) })), count);
}

/** `batchSize` examples from the start of the dataset, repeated when it has fewer (for latency). */
export function repeatedFeeds(inputNames: readonly string[], dataset: Dataset, batchSize: number): Record<string, ort.Tensor> {
  if (dataset.count === 0) throw new Error('cannot build feeds from an empty dataset');
  const inputs = dataset.inputs.map((input) => {
    const size = exampleSize(input.shape);
    const values = input.values instanceof Float32Array ? new Float32Array(batchSize * size) : new BigInt64Array(batchSize * size);
    for (let row = 0; row < batchSize; row++) copyExample(input.values, row % dataset.count, values, row, size);
    return { ...input, values };
  });
  return batchFeeds(inputNames, inputs, batchSize);
}
