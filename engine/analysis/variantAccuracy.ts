/**
 * The accuracy of one model variant (some layers fake-quantized, the rest float) on a dataset, and
 * optionally the output-gradient score of one layer on the dataset's first examples.
 */
import { DataType } from '../onnx/dataType.ts';
import { makeValueInfo } from '../onnx/builder.ts';
import type { Model } from '../onnx/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { createSession, tensorFloats } from '../runtime/session.ts';
import { datasetFeeds } from '../runtime/inputFeeds.ts';
import { argmaxRows } from '../training/evaluate.ts';
import { outputGradientScore, type OutputGradientProbe } from './outputGradient.ts';

export interface VariantEvaluation {
  inputNames: readonly string[];
  logits: string;
  batchSize: number;
  threads: number;
}

/** A layer's output compared with the float model's on the first `examples` examples. */
export interface ScoredOutput {
  tensor: string;
  examples: number;
  probe: OutputGradientProbe;
}

export interface VariantResult {
  accuracy: number;
  /** Mean output-gradient score per example; undefined without a `scored` output. */
  outputGradientScore?: number;
}

export async function evaluateVariant(model: Model, dataset: Dataset, evaluation: VariantEvaluation, scored?: ScoredOutput): Promise<VariantResult> {
  const addsOutput = scored !== undefined && !model.graph.outputs.some((o) => o.name === scored.tensor);
  const withOutput = addsOutput ? { ...model, graph: { ...model.graph, outputs: [...model.graph.outputs, makeValueInfo(scored.tensor, DataType.FLOAT)] } } : model;
  const session = await createSession(withOutput, { threads: evaluation.threads });
  try {
    const scoredExamples = scored ? Math.min(scored.examples, dataset.count) : 0;
    let correct = 0;
    let score = 0;
    for (let start = 0; start < dataset.count;) {
      // Batches end at `scoredExamples`, so a batch is scored whole or not at all.
      const end = start < scoredExamples ? scoredExamples : dataset.count;
      const count = Math.min(evaluation.batchSize, end - start);
      const feeds = datasetFeeds(evaluation.inputNames, dataset, start, count);
      const scoring = scored !== undefined && start < scoredExamples;
      // Every output is fetched: onnxruntime-node 1.23 answers a list of output names with the first outputs of the graph, whatever their names.
      const results = await session.run(feeds);
      const logits = tensorFloats(results[evaluation.logits], evaluation.logits);
      const predicted = argmaxRows(logits, count, logits.length / count);
      for (let i = 0; i < count; i++) if (predicted[i] === dataset.labels[start + i]) correct += 1;
      if (scoring) {
        const float = await scored.probe.run(feeds, dataset.labels.subarray(start, start + count), scored.tensor);
        score += outputGradientScore(tensorFloats(results[scored.tensor], scored.tensor), float.output, float.gradient);
      }
      start += count;
    }
    return {
      accuracy: dataset.count === 0 ? 0 : correct / dataset.count,
      ...(scored && scoredExamples > 0 ? { outputGradientScore: score / scoredExamples } : {}),
    };
  } finally {
    await session.release();
  }
}
