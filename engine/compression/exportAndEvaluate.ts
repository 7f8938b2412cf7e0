/** Exports the student as an INT8 QDQ model, and measures it in ONNX Runtime. */
import type { Dataset } from '../data/dataset.ts';
import type { Model } from '../onnx/ir.ts';
import { writeModel, readModel } from '../onnx/modelFile.ts';
import { exportQdqModel } from '../quantization/exportQdq.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import { compareLatency } from '../runtime/latency.ts';
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
  // FP32 and INT8 in alternating rounds: the speed-up is their ratio, and a machine that slows down
  // between two separate measurements would show as one model being slower.
  const [fp32Batch1, int8Batch1] = await compareLatency([fp32Path, int8Path], repeatedFeeds(inputNames, test, 1), 1, { threads, rounds: 5, runsPerRound: 6 });
  const [fp32Batch, int8Batch] = await compareLatency([fp32Path, int8Path], repeatedFeeds(inputNames, test, batchSize), batchSize, { threads, rounds: 5, runsPerRound: 2 });
  return {
    accuracy,
    latency: {
      fp32: { batch1: fp32Batch1.medianMs, batch: fp32Batch.medianMs },
      int8: { batch1: int8Batch1.medianMs, batch: int8Batch.medianMs },
      batchSize,
    },
  };
}
