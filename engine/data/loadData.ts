/** Turns a config's data section into train and test datasets. */
import * as path from 'node:path';
import type { DataConfig } from '../config/distqConfig.ts';
import type { Dataset } from './dataset.ts';
import { subsetDataset } from './dataset.ts';
import { loadMnist } from './mnist.ts';
import { loadArrayDataset } from './arrayDataset.ts';
import { loadSpamAssassin } from './text/spamAssassinTokens.ts';
import { loadTokenNpz } from './text/tokenNpz.ts';
import { tokenDatasetAsDataset } from './text/tokenDataset.ts';

export interface TrainTestData {
  train: Dataset;
  test: Dataset;
  description: string;
  /** Where the train and test labels come from, for messages about them (a file and array, or the built-in set). */
  labelSources: { train: string; test: string };
}

export function loadData(data: DataConfig, resolvePath: (relative: string) => string): TrainTestData {
  switch (data.kind) {
    case 'mnist': {
      const split = loadMnist({ trainLimit: data.trainCount, testLimit: data.testCount });
      return { train: split.train, test: split.test, description: `built-in MNIST (${split.train.count} train / ${split.test.count} test)`, labelSources: { train: 'the built-in MNIST train set', test: 'the built-in MNIST test set' } };
    }
    case 'npz': {
      const file = resolvePath(data.path);
      const train = loadArrayDataset({ inputs: { file, key: data.trainInputs }, labels: { file, key: data.trainLabels }, inputScale: data.inputScale });
      const test = loadArrayDataset({ inputs: { file, key: data.testInputs }, labels: { file, key: data.testLabels }, inputScale: data.inputScale, classCount: train.classCount });
      return { train, test, description: `${data.path} (${train.count} train / ${test.count} test)`, labelSources: { train: `${file} (array '${data.trainLabels}')`, test: `${file} (array '${data.testLabels}')` } };
    }
    case 'npy': {
      const train = loadArrayDataset({ inputs: { file: resolvePath(data.trainInputs) }, labels: { file: resolvePath(data.trainLabels) }, inputScale: data.inputScale });
      const test = loadArrayDataset({ inputs: { file: resolvePath(data.testInputs) }, labels: { file: resolvePath(data.testLabels) }, inputScale: data.inputScale, classCount: train.classCount });
      return { train, test, description: `.npy files (${train.count} train / ${test.count} test)`, labelSources: { train: resolvePath(data.trainLabels), test: resolvePath(data.testLabels) } };
    }
    case 'spamassassin': {
      const split = loadSpamAssassin({ vocabSize: data.vocabSize, sequenceLength: data.sequenceLength });
      const train = spreadSubset(tokenDatasetAsDataset(split.train), data.trainCount);
      const test = spreadSubset(tokenDatasetAsDataset(split.test), data.testCount);
      return { train, test, description: `built-in SpamAssassin (${train.count} train / ${test.count} test, ${split.vocabulary.tokens.length} tokens, length ${data.sequenceLength})`, labelSources: { train: 'the built-in SpamAssassin train set', test: 'the built-in SpamAssassin test set' } };
    }
    case 'tokens': {
      const file = resolvePath(data.path);
      const split = loadTokenNpz(file, { vocabSize: data.vocabSize });
      const train = tokenDatasetAsDataset(split.train);
      const test = tokenDatasetAsDataset(split.test);
      return { train, test, description: `${path.basename(data.path)} (${train.count} train / ${test.count} test sequences of length ${split.train.sequenceLength})`, labelSources: { train: `${file} (array 'train_labels')`, test: `${file} (array 'test_labels')` } };
    }
  }
}

/**
 * `count` examples spread evenly over the dataset (example ⌊i · total / count⌋), or all of it.
 * The built-in text split keeps all ham before all spam, so a prefix would hold one class only.
 */
export function spreadSubset(dataset: Dataset, count: number | undefined): Dataset {
  if (count === undefined || count >= dataset.count) return dataset;
  return subsetDataset(dataset, Int32Array.from({ length: count }, (_, i) => Math.floor((i * dataset.count) / count)));
}
