/** Classification accuracy of a model on a dataset, in onnxruntime-node. */
import * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/dataset.ts';
import type { Model } from '../onnx/ir.ts';
import { createSession, tensorFloats, type SessionOptions } from '../runtime/session.ts';
import { datasetFeeds } from '../runtime/inputFeeds.ts';

/** Index of the largest value in each row (first on ties). */
export function argmaxRows(values: Float32Array, rows: number, columns: number, into: Int32Array = new Int32Array(rows)): Int32Array {
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = values[r * columns]!;
    for (let c = 1; c < columns; c++) {
      const v = values[r * columns + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    into[r] = best;
  }
  return into;
}

export interface EvaluationResult {
  accuracy: number;
  correct: number;
  count: number;
}

/** Evaluates a session-backed classifier; `extraFeeds` carries live parameter tensors. */
export class ClassifierEvaluator {
  /** `inputNames[i]` is the model input that takes the dataset's input i. */
  private constructor(private readonly session: ort.InferenceSession, private readonly inputNames: readonly string[], private readonly logitsName: string) {}

  static async create(model: Model, inputNames: readonly string[], logitsName: string, options: SessionOptions = {}): Promise<ClassifierEvaluator> {
    return new ClassifierEvaluator(await createSession(model, options), inputNames, logitsName);
  }

  /** The logits of dataset examples [start, start + count), row-major. */
  async logits(dataset: Dataset, start: number, count: number, extraFeeds: Record<string, ort.Tensor> = {}): Promise<Float32Array> {
    // Every output is fetched and the logits picked by name: onnxruntime-node 1.23 answers a list of
    // output names with the graph's first outputs, whatever their names.
    const results = await this.session.run({ ...extraFeeds, ...datasetFeeds(this.inputNames, dataset, start, count) });
    return tensorFloats(results[this.logitsName], this.logitsName);
  }

  async evaluate(dataset: Dataset, batchSize: number, extraFeeds: Record<string, ort.Tensor> = {}): Promise<EvaluationResult> {
    let correct = 0;
    for (let start = 0; start < dataset.count; start += batchSize) {
      const count = Math.min(batchSize, dataset.count - start);
      const logits = await this.logits(dataset, start, count, extraFeeds);
      const classes = logits.length / count;
      const predicted = argmaxRows(logits, count, classes);
      for (let i = 0; i < count; i++) if (predicted[i] === dataset.labels[start + i]) correct += 1;
    }
    return { accuracy: dataset.count === 0 ? 0 : correct / dataset.count, correct, count: dataset.count };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
