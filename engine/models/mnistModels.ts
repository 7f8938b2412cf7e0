/** The MNIST example architectures (examples/mnist and the benchmark use these). */
import type { SequentialSpec } from './sequentialBuilder.ts';

/** 784-512-256-10 multilayer perceptron. */
export const MNIST_MLP: SequentialSpec = {
  name: 'mnist_mlp',
  inputShape: [1, 28, 28],
  layers: [
    { kind: 'flatten' },
    { kind: 'linear', outFeatures: 512 },
    { kind: 'relu' },
    { kind: 'linear', outFeatures: 256 },
    { kind: 'relu' },
    { kind: 'linear', outFeatures: 10 },
  ],
};

/** Two conv blocks (32 and 64 channels, 3×3, max-pool 2) and a 128-unit classifier. */
export const MNIST_CNN: SequentialSpec = {
  name: 'mnist_cnn',
  inputShape: [1, 28, 28],
  layers: [
    { kind: 'conv', outChannels: 32, kernel: 3 },
    { kind: 'relu' },
    { kind: 'maxpool', kernel: 2 },
    { kind: 'conv', outChannels: 64, kernel: 3 },
    { kind: 'relu' },
    { kind: 'maxpool', kernel: 2 },
    { kind: 'flatten' },
    { kind: 'linear', outFeatures: 128 },
    { kind: 'relu' },
    { kind: 'linear', outFeatures: 10 },
  ],
};

/** A smaller student CNN (half the channels) for distillation examples. */
export const MNIST_SMALL_CNN: SequentialSpec = {
  name: 'mnist_small_cnn',
  inputShape: [1, 28, 28],
  layers: [
    { kind: 'conv', outChannels: 16, kernel: 3 },
    { kind: 'relu' },
    { kind: 'maxpool', kernel: 2 },
    { kind: 'conv', outChannels: 32, kernel: 3 },
    { kind: 'relu' },
    { kind: 'maxpool', kernel: 2 },
    { kind: 'flatten' },
    { kind: 'linear', outFeatures: 64 },
    { kind: 'relu' },
    { kind: 'linear', outFeatures: 10 },
  ],
};
