/** Exports the student as an INT8 QDQ model, and measures it in ONNX Runtime. */
import type { Dataset } from '../data/dataset.ts';
import type { Model } from '../onnx/ir.ts';
import { writeModel, readModel } from '../onnx/modelFile.ts';
import { exportQdqModel } from '../quantization/exportQdq.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import { measureLatency } from '../runtime/latency.ts';
import { repeatedFeeds } from '../runtime/inputFeeds.ts';
import type { CompressionSession } from './compressionSession.ts';

export interface ExportedModel {
  accuracy: number;
  latency: { fp32: { batch1: number; batch: number }; int8: { batch1: number; batch: number }; batchSize: number };
}

export async function exportAndEvaluate(session: CompressionSession, student: Model, test: Dataset, int8Path: string, fp32Path: string | undefined, batchSize: number, threads: number): Promise<ExportedModel> {
  const int8 = exportQdqModel(student, session.exportPlan());
  writeModel(int8, int8Path);
  const { inputNames, logitsName } = session.setup.student;
  const evaluator = await ClassifierEvaluator.create(readModel(int8Path), inputNames, logitsName, { threads });
  const { accuracy } = await evaluator.evaluate(test, batchSize);
  await evaluator.release();
  const none = { batch1: Number.NaN, batch: Number.NaN };
  if (!fp32Path) return { accuracy, latency: { fp32: none, int8: none, batchSize } };
  const measure = async (file: string): Promise<{ batch1: number; batch: number }> => ({
    batch1: (await measureLatency(file, repeatedFeeds(inputNames, test, 1), 1, { threads })).medianMs,
    batch: (await measureLatency(file, repeatedFeeds(inputNames, test, batchSize), batchSize, { threads, runs: 10 })).medianMs,
  });
  return { accuracy, latency: { fp32: await measure(fp32Path), int8: await measure(int8Path), batchSize } };
}
