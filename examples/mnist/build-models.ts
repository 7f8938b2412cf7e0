/**
 * Writes the untrained MNIST example models (mlp.onnx, cnn.onnx, small-cnn.onnx)
 * with DistQ's own graph builders. Run: node --import tsx examples/mnist/build-models.ts
 */
import * as path from 'node:path';
import { buildSequentialModel } from '../../engine/models/sequentialBuilder.ts';
import { MNIST_CNN, MNIST_MLP, MNIST_SMALL_CNN } from '../../engine/models/mnistModels.ts';
import { writeModel } from '../../engine/onnx/modelFile.ts';

const folder = path.dirname(new URL(import.meta.url).pathname);
for (const [file, spec] of [['mlp.onnx', MNIST_MLP], ['cnn.onnx', MNIST_CNN], ['small-cnn.onnx', MNIST_SMALL_CNN]] as const) {
  writeModel(buildSequentialModel({ ...spec, seed: 1 }), path.join(folder, file));
  console.log(`wrote ${path.join('examples/mnist', file)}`);
}
