/**
 * DistQ's side of the benchmark for torchvision's resnet18 and mobilenet_v2 (3×64×64, batch 32):
 * the model as exported by bench/models/export_torchvision.py, prepared as a training run
 * prepares it (constants and BatchNormalization folded), the QAT + KD step of bench/distqStep.ts,
 * and the teacher (the same network in FP32, in its own session as a run keeps it) run forward
 * inside every step.
 */
import type * as ort from 'onnxruntime-node';
import type { Model } from '../engine/onnx/ir.ts';
import { readModel } from '../engine/onnx/modelFile.ts';
import { prepareForTraining } from '../engine/models/prepareModel.ts';
import { foldBatchNormalization } from '../engine/onnx/passes/foldBatchNormalization.ts';
import { MODEL_INPUT, MODEL_OUTPUT } from '../engine/models/sequentialBuilder.ts';
import { TeacherRunner } from '../engine/distillation/teacher.ts';
import { floatTensor } from '../engine/runtime/session.ts';
import { TrainStepSession } from '../engine/training/trainStep.ts';
import { compileQatKdGraph, qatKdFeeds, TEACHER_LOGITS, timedSgdStep, type PreparedStep, type QatKdGraph } from './distqStep.ts';
import { torchvisionModelFile } from './models/torchvisionFile.ts';

export const ZOO_BENCH_MODELS = ['resnet18', 'mobilenet_v2'] as const;
export type ZooBenchModel = (typeof ZOO_BENCH_MODELS)[number];
export const ZOO_BATCH = 32;
export const ZOO_EXAMPLE_SHAPE = [3, 64, 64] as const;
const OPSET = 17;

export interface ZooStepParts {
  qatKd: QatKdGraph;
  teacher: TeacherRunner;
  session: TrainStepSession;
  feeds: Record<string, ort.Tensor>;
}

/** The exported model, prepared as a training run prepares its student (BatchNormalization folded). */
async function readStudent(name: ZooBenchModel): Promise<{ exported: Model; student: Model }> {
  const exported = readModel(torchvisionModelFile(name, OPSET));
  return { exported, student: foldBatchNormalization(await prepareForTraining(exported, [MODEL_INPUT])) };
}

/** The benchmark's step graph of a torchvision model and its fixed feeds (also profiled by bench/profileStep.ts). */
export async function buildZooQatKdGraph(name: ZooBenchModel, batch: number): Promise<{ qatKd: QatKdGraph; feeds: Record<string, ort.Tensor> }> {
  const qatKd = compileQatKdGraph((await readStudent(name)).student);
  return { qatKd, feeds: qatKdFeeds(batch, qatKd.activations, ZOO_EXAMPLE_SHAPE) };
}

/** The exported model's step graph, its session and the teacher's session; the caller releases both sessions. */
export async function buildZooStepParts(name: ZooBenchModel, batch: number, threads: number): Promise<ZooStepParts> {
  const { exported, student } = await readStudent(name);
  const teacherModel = await prepareForTraining(exported, [MODEL_INPUT]);
  const qatKd = compileQatKdGraph(student);
  const session = await TrainStepSession.create(qatKd.graph, qatKd.model.graph.initializers, { threads });
  const teacher = await TeacherRunner.create(teacherModel, [MODEL_INPUT], [MODEL_OUTPUT], { threads });
  return { qatKd, teacher, session, feeds: qatKdFeeds(batch, qatKd.activations, ZOO_EXAMPLE_SHAPE) };
}

/** One timed step: teacher forward, then the training graph and SGD of bench/distqStep.ts. */
export function timedZooStep(parts: ZooStepParts): () => Promise<number> {
  const { teacher, session, feeds } = parts;
  const images = { [MODEL_INPUT]: feeds[MODEL_INPUT]! };
  return timedSgdStep(session, feeds, 0.01, async () => {
    const logits = (await teacher.run(images)).get(MODEL_OUTPUT)!;
    feeds[TEACHER_LOGITS] = floatTensor(logits.data, logits.dims);
  });
}

export async function prepareZooQatKdStep(name: ZooBenchModel, threads: number): Promise<PreparedStep> {
  torchvisionModelFile(name, OPSET); // an export on first use is not part of the build time
  const buildStart = performance.now();
  const parts = await buildZooStepParts(name, ZOO_BATCH, threads);
  const buildMs = performance.now() - buildStart;
  const step = timedZooStep(parts);
  const firstStepMs = await step();
  return { step, buildMs, firstStepMs };
}
