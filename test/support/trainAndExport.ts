/**
 * One image classifier through QAT + KD with the hooks API: the model as its own teacher, a few
 * steps on a tiny random batch, then the INT8 export run in ONNX Runtime beside the fake-quant
 * model's logits. Used by the zoo (test/unit/zoo) and by the newest-opset tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { createFloatDataset, createOptimizer, iterateBatches, prepareCompression, type Dataset } from '../../engine/index.ts';
import { readModel, writeModel } from '../../engine/onnx/modelFile.ts';
import { encodeModel } from '../../engine/onnx/protoCodec.ts';
import { defaultOpset, type Model } from '../../engine/onnx/ir.ts';
import { findTrainableParameters } from '../../engine/training/parameters.ts';
import { SeededRandom } from '../../engine/util/random.ts';
import { integerKernelAgreement, type KernelAgreement } from './integerKernelAgreement.ts';

const CLASSES = 10;
const BATCH = 2;
const STEPS = 2;
const EVALUATION_COUNT = 8;

export interface TrainedExport {
  losses: number[];
  /** Trainable parameters whose values the steps left exactly as they were. */
  unchangedParameters: string[];
  trainableCount: number;
  fakeQuantLogits: Float32Array;
  floatLogits: Float32Array;
  /** The exported INT8 file on ONNX Runtime's integer kernels, and its opset. */
  int8Logits: Float32Array;
  int8Opset: number;
  /** The exported QDQ graph without ONNX Runtime's optimizations (no fused kernels). */
  unfusedInt8Logits: Float32Array;
  /** The fused integer kernels against the unfused QDQ graph, kernel by kernel. */
  kernels: KernelAgreement;
}

function randomImages(count: number, imageShape: readonly number[], seed: number): Dataset {
  const random = new SeededRandom(seed);
  const values = Float32Array.from({ length: count * imageShape.reduce((a, b) => a * b, 1) }, () => random.normal());
  const labels = Int32Array.from({ length: count }, (_, i) => i % CLASSES);
  return createFloatDataset({ values, shape: [...imageShape], labels, classCount: CLASSES });
}

async function ortLogits(model: string | Model, dataset: Dataset, imageShape: readonly number[], optimization: 'all' | 'disabled'): Promise<Float32Array> {
  const options = { intraOpNumThreads: 1, graphOptimizationLevel: optimization };
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(encodeModel(model), options);
  try {
    const input = new ort.Tensor('float32', dataset.inputs[0]!.values as Float32Array, [dataset.count, ...imageShape]);
    const results = await session.run({ [session.inputNames[0]!]: input });
    return Float32Array.from(results[session.outputNames[0]!]!.data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Trains `model` (a 10-class classifier of `imageShape` images) for a few QAT + KD steps in `folder` and exports it. */
export async function trainAndExport(model: Model, name: string, imageShape: readonly number[], folder: string): Promise<TrainedExport> {
  const student = path.join(folder, `${name}.onnx`);
  writeModel(model, student);

  const train = randomImages(BATCH * STEPS, imageShape, 1);
  const evaluation = randomImages(EVALUATION_COUNT, imageShape, 2);
  const manager = await prepareCompression(student, [
    { teacher: student, kind: 'kd', temperature: 2, lossWeights: [0.5, 0.5] },
    { calibrationBatches: 1 },
  ], { train, batchSize: BATCH, evalBatchSize: evaluation.count, seed: 3, threads: 1 });
  try {
    const prepared = manager.floatModel();
    const trainable = findTrainableParameters(prepared);
    const initial = new Map(trainable.map((p) => [p, Float32Array.from(prepared.graph.initializers.get(p)!.data as Float32Array)]));
    await manager.callbacks.onTrainBegin();
    const optimizer = createOptimizer({ kind: 'adam', learningRate: 1e-3 });
    const losses: number[] = [];
    for (const batch of iterateBatches(train, { batchSize: BATCH, seed: 1, epoch: 0 })) {
      const result = await manager.computeLoss(batch);
      losses.push(result.totalLoss);
      manager.optimizerStep(optimizer, result, 1e-3);
    }
    const trained = manager.floatModel().graph.initializers;
    const unchangedParameters = trainable.filter((p) => {
      const before = initial.get(p)!;
      const after = trained.get(p)!.data;
      return before.every((v, i) => v === after[i]);
    });
    const captured: Record<'fakeQuant' | 'float', Float32Array> = { fakeQuant: new Float32Array(0), float: new Float32Array(0) };
    for (const variant of ['fakeQuant', 'float'] as const) {
      await manager.evaluate(evaluation, (logits) => {
        captured[variant] = Float32Array.from(logits);
        return 0;
      }, variant);
    }
    const int8File = path.join(folder, `${name}.int8.onnx`);
    const qdqModel = manager.exportInt8(int8File);
    const int8Logits = await ortLogits(int8File, evaluation, imageShape, 'all');
    const int8Opset = defaultOpset(readModel(int8File));
    fs.rmSync(int8File);
    const inputName = qdqModel.graph.inputs[0]!.name;
    const kernels = await integerKernelAgreement(qdqModel, { [inputName]: new ort.Tensor('float32', evaluation.inputs[0]!.values as Float32Array, [evaluation.count, ...imageShape]) });
    const unfusedInt8Logits = Float32Array.from(kernels.unfusedOutputs[qdqModel.graph.outputs[0]!.name]!.data as Float32Array);
    return { losses, unchangedParameters, trainableCount: trainable.length, fakeQuantLogits: captured.fakeQuant, floatLogits: captured.float, int8Logits, int8Opset, unfusedInt8Logits, kernels };
  } finally {
    await manager.release();
  }
}
