// A training loop of your own driving DistQ through the compression manager's callbacks,
// as Intel Neural Compressor's prepare_compression does. Plain JavaScript.
//
//   npm run build && node examples/custom-loop/train.js [--epochs N] [--train-count N]
//
// The teacher is the trained MNIST CNN (npm run demo makes it); the student starts
// from the same weights and learns INT8 quantization with knowledge distillation.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const distq = require('../../dist/distq.js');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
  const mnist = path.resolve(__dirname, '..', 'mnist');
  const teacher = option('teacher', path.join(mnist, 'cnn.trained.onnx'));
  const student = option('student', teacher);
  if (!fs.existsSync(teacher)) throw new Error(`${teacher} does not exist: run npm run demo (or npm run distq -- train examples/mnist/cnn.distq.json) first`);
  const epochs = Number(option('epochs', '1'));
  const { train, test } = distq.loadMnist({ trainLimit: Number(option('train-count', '2000')), testLimit: Number(option('test-count', '1000')) });

  const manager = await distq.prepareCompression(student, [
    { teacher, kind: 'kd', temperature: 2, lossTypes: ['CE', 'KL'], lossWeights: [0.5, 0.5] },
    { weights: { bits: 8 }, activations: { bits: 8 }, calibrationBatches: 4 },
  ], { train, batchSize: 64 });

  // Your own optimizer and schedule (DistQ's, here; any code that updates the Float32Arrays works).
  const optimizer = distq.createOptimizer({ kind: 'sgd', learningRate: 0.01, momentum: 0.9 });
  const stepsPerEpoch = Math.ceil(train.count / 64);
  const schedule = distq.createLearningRateSchedule({ kind: 'cosine' }, 0.01);
  // Your own metric replaces accuracy: here, the error rate in percent.
  const errorRate = (logits, labels, classes) => 100 * (1 - distq.accuracyMetric(logits, labels, classes));

  const { callbacks } = manager;
  await callbacks.onTrainBegin();
  let globalStep = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    await callbacks.onEpochBegin(epoch);
    let step = 0;
    let lossSum = 0;
    for (const batch of distq.iterateBatches(train, { batchSize: 64, seed: 1, epoch })) {
      const info = { epoch, step, globalStep, batchSize: batch.size, learningRate: schedule(globalStep, stepsPerEpoch, stepsPerEpoch * epochs) };
      await callbacks.onStepBegin(info);
      const result = await manager.computeLoss(batch);
      await callbacks.onAfterComputeLoss(info, result);
      await callbacks.onBeforeOptimizerStep(info, result);
      manager.optimizerStep(optimizer, result, info.learningRate);
      await callbacks.onStepEnd(info, result);
      lossSum += result.totalLoss;
      step += 1;
      globalStep += 1;
    }
    const error = await manager.evaluate(test, errorRate);
    await callbacks.onEpochEnd({ epoch, trainLoss: lossSum / step, accuracy: { qatFakeQuant: 1 - error / 100 } });
    console.log(`epoch ${epoch + 1}: loss ${(lossSum / step).toFixed(4)}, fake-quant error rate ${error.toFixed(2)} %`);
  }
  await callbacks.onTrainEnd();
  const output = option('output', path.join(__dirname, 'student-int8.onnx'));
  manager.exportInt8(output);
  console.log(`wrote ${path.relative(process.cwd(), output)}`);
  await manager.release();
}

main().catch((error) => {
  console.error(`custom-loop: ${error.message}`);
  process.exitCode = 1;
});
