/** Turns a config's data section into train and test datasets. */
import type { DataConfig } from '../config/distqConfig.ts';
import type { Dataset } from './dataset.ts';
import { loadMnist } from './mnist.ts';
import { loadArrayDataset } from './arrayDataset.ts';

export interface TrainTestData {
  train: Dataset;
  test: Dataset;
  description: string;
}

export function loadData(data: DataConfig, resolvePath: (relative: string) => string): TrainTestData {
  switch (data.kind) {
    case 'mnist': {
      const split = loadMnist({ trainLimit: data.trainCount, testLimit: data.testCount });
      return { train: split.train, test: split.test, description: `built-in MNIST (${split.train.count} train / ${split.test.count} test)` };
    }
    case 'npz': {
      const file = resolvePath(data.path);
      const train = loadArrayDataset({ inputs: { file, key: data.trainInputs }, labels: { file, key: data.trainLabels }, inputScale: data.inputScale });
      const test = loadArrayDataset({ inputs: { file, key: data.testInputs }, labels: { file, key: data.testLabels }, inputScale: data.inputScale, classCount: train.classCount });
      return { train, test, description: `${data.path} (${train.count} train / ${test.count} test)` };
    }
    case 'npy': {
      const train = loadArrayDataset({ inputs: { file: resolvePath(data.trainInputs) }, labels: { file: resolvePath(data.trainLabels) }, inputScale: data.inputScale });
      const test = loadArrayDataset({ inputs: { file: resolvePath(data.testInputs) }, labels: { file: resolvePath(data.testLabels) }, inputScale: data.inputScale, classCount: train.classCount });
      return { train, test, description: `.npy files (${train.count} train / ${test.count} test)` };
    }
  }
}
