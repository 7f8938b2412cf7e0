/**
 * DistQ's side of the training-step benchmark: the QAT + KD step of bench/pytorch_step.py
 * (fake-quantized weights and activations, 0.5·CE + 0.5·T²·KL with T = 2 against given
 * teacher logits, backward, SGD momentum 0.9) compiled into one ONNX graph.
 */
import * as ort from 'onnxruntime-node';
import { buildSequentialModel, MODEL_INPUT, MODEL_OUTPUT } from '../engine/models/sequentialBuilder.ts';
import type { SequentialSpec } from '../engine/models/sequentialBuilder.ts';
import { DataType } from '../engine/onnx/dataType.ts';
import { makeValueInfo } from '../engine/onnx/builder.ts';
import { insertFakeQuantization, type QuantizedActivation } from '../engine/quantization/insertFakeQuant.ts';
import { buildTrainingGraph, LABELS_INPUT, labelsInput, type TrainingGraph } from '../engine/training/trainingGraph.ts';
import { crossEntropyWithLabels } from '../engine/losses/crossEntropy.ts';
import { klDivergenceWithTemperature } from '../engine/losses/klDivergence.ts';
import type { Model } from '../engine/onnx/ir.ts';
import { findTrainableParameters } from '../engine/training/parameters.ts';
import { TrainStepSession } from '../engine/training/trainStep.ts';
import { SgdOptimizer } from '../engine/training/optim/sgd.ts';
import type { ParameterSlot } from '../engine/training/optim/optimizer.ts';
import { SeededRandom } from '../engine/util/random.ts';

/** The training graph's input that carries the teacher's logits. */
export const TEACHER_LOGITS = 'distq_teacher_logits';
const ACTIVATION_SCALE = 0.05;

export interface PreparedStep {
  /** Runs one full step (graph + optimizer update) and returns its milliseconds. */
  step(): Promise<number>;
  buildMs: number;
  firstStepMs: number;
}

export interface QatKdGraph {
  model: Model;
  graph: TrainingGraph;
  activations: QuantizedActivation[];
}

/** The benchmark's training graph of an MNIST model (also profiled by bench/profileStep.ts). */
export function buildQatKdGraph(spec: SequentialSpec): QatKdGraph {
  return compileQatKdGraph(buildSequentialModel({ ...spec, seed: 1 }));
}

/**
 * The benchmark's training graph of a classifier with 10 classes that reads `input` and writes
 * `logits` (BatchNormalization already folded); fake quantization is inserted into `model` itself.
 */
export function compileQatKdGraph(model: Model): QatKdGraph {
  const trainable = findTrainableParameters(model);
  const quantized = insertFakeQuantization(model, {
    weights: { bits: 8, symmetric: true, signed: true, perChannel: true },
    activations: { bits: 8, symmetric: true, signed: true },
    opTypes: ['Conv', 'Gemm', 'MatMul'],
    exclude: [],
    weightTensors: new Set(trainable),
  });
  const graph = buildTrainingGraph(model, {
    logits: MODEL_OUTPUT,
    trainable,
    extraInputs: [labelsInput(), makeValueInfo(TEACHER_LOGITS, DataType.FLOAT, ['N', 10])],
    addLosses: (builder) => [
      { name: 'labels', tensor: crossEntropyWithLabels(builder, MODEL_OUTPUT, LABELS_INPUT, 10), weight: 0.5 },
      { name: 'kd', tensor: klDivergenceWithTemperature(builder, MODEL_OUTPUT, TEACHER_LOGITS, 2), weight: 0.5 },
    ],
  });
  return { model, graph, activations: quantized.activations };
}

/** A fixed random batch of `exampleShape` images, labels, teacher logits and the fixed activation ranges. */
export function qatKdFeeds(batch: number, activations: QuantizedActivation[], exampleShape: readonly number[] = [1, 28, 28]): Record<string, ort.Tensor> {
  const random = new SeededRandom(3);
  const inputs = Float32Array.from({ length: batch * exampleShape.reduce((a, b) => a * b, 1) }, () => random.next());
  const labels = BigInt64Array.from({ length: batch }, () => BigInt(random.integer(10)));
  const teacher = Float32Array.from({ length: batch * 10 }, () => random.normal() * 3);
  const feeds: Record<string, ort.Tensor> = {
    [MODEL_INPUT]: new ort.Tensor('float32', inputs, [batch, ...exampleShape]),
    [LABELS_INPUT]: new ort.Tensor('int64', labels, [batch]),
    [TEACHER_LOGITS]: new ort.Tensor('float32', teacher, [batch, 10]),
  };
  for (const a of activations) {
    feeds[a.scaleInput] = new ort.Tensor('float32', new Float32Array([ACTIVATION_SCALE]), []);
    feeds[a.zeroPointInput] = new ort.Tensor('float32', new Float32Array([0]), []);
  }
  return feeds;
}

export async function prepareQatKdStep(spec: SequentialSpec, batch: number, threads: number): Promise<PreparedStep> {
  const buildStart = performance.now();
  const { model, graph, activations } = buildQatKdGraph(spec);
  const session = await TrainStepSession.create(graph, model.graph.initializers, { threads });
  const buildMs = performance.now() - buildStart;

  const feeds = qatKdFeeds(batch, activations);
  const step = timedSgdStep(session, feeds, 0.01);
  const firstStepMs = await step();
  return { step, buildMs, firstStepMs };
}

/** One timed training step: `beforeRun` (the teacher, where it runs in the step), the compiled graph on fixed feeds, then SGD (momentum 0.9) on its gradients. */
export function timedSgdStep(session: TrainStepSession, feeds: Record<string, ort.Tensor>, learningRate: number, beforeRun?: () => Promise<void>): () => Promise<number> {
  const optimizer = new SgdOptimizer({ momentum: 0.9 });
  const slots: ParameterSlot[] = session.graph.parameters.map((name, i) => ({ name, value: session.parameterValues[i]!, gradient: new Float32Array(0), weightDecay: false }));
  return async (): Promise<number> => {
    const start = performance.now();
    await beforeRun?.();
    const result = await session.run(feeds);
    slots.forEach((slot, i) => {
      slot.gradient = result.gradients[i]!;
    });
    optimizer.step(slots, learningRate);
    return performance.now() - start;
  };
}
