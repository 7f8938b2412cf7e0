/** Classification accuracy of a model on a dataset, in onnxruntime-node. */
import * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/dataset.ts';
import { exampleSize } from '../data/dataset.ts';
import type { Model } from '../onnx/ir.ts';
import { createSession, floatTensor, tensorFloats, type SessionOptions } from '../runtime/session.ts';

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
  private constructor(private readonly session: ort.InferenceSession, private readonly inputName: string, private readonly logitsName: string) {}

  static async create(model: Model, inputName: string, logitsName: string, options: SessionOptions = {}): Promise<ClassifierEvaluator> {
    return new ClassifierEvaluator(await createSession(model, options), inputName, logitsName);
  }

  async logits(inputs: Float32Array, dims: number[], extraFeeds: Record<string, ort.Tensor> = {}): Promise<Float32Array> {
    const results = await this.session.run({ ...extraFeeds, [this.inputName]: floatTensor(inputs, dims) }, [this.logitsName]);
    return tensorFloats(results[this.logitsName], this.logitsName);
  }

  async evaluate(dataset: Dataset, batchSize: number, extraFeeds: Record<string, ort.Tensor> = {}): Promise<EvaluationResult> {
    const size = exampleSize(dataset.inputShape);
    let correct = 0;
    for (let start = 0; start < dataset.count; start += batchSize) {
      const count = Math.min(batchSize, dataset.count - start);
      const inputs = dataset.inputs.subarray(start * size, (start + count) * size);
      const logits = await this.logits(inputs, [count, ...dataset.inputShape], extraFeeds);
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
