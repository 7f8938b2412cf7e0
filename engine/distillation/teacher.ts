/**
 * The teacher in its own inference session: its logits and any intermediate
 * tensors that layer mappings read, per batch, optionally cached for the whole
 * training set (valid while the data has no random augmentation, which DistQ's
 * loaders never apply).
 */
import * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/dataset.ts';
import type { Model } from '../onnx/ir.ts';
import { makeValueInfo } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { createSession, floatTensor, tensorFloats, type SessionOptions } from '../runtime/session.ts';
import { datasetFeeds } from '../runtime/inputFeeds.ts';

export class TeacherRunner {
  private constructor(private readonly session: ort.InferenceSession, readonly inputNames: readonly string[], readonly outputs: readonly string[]) {}

  /** `inputNames[i]` takes the dataset's input i; `outputs`: the teacher tensors wanted each batch (logits first). */
  static async create(model: Model, inputNames: readonly string[], outputs: readonly string[], options: SessionOptions = {}): Promise<TeacherRunner> {
    const copy = cloneModel(model);
    copy.graph.outputs = outputs.map((name) => copy.graph.outputs.find((o) => o.name === name) ?? makeValueInfo(name, DataType.FLOAT));
    // Few-position convolutions as one product (resnet18's teacher at 64×64 inputs, 1 thread: 424 → 394 ms a batch of 32; mobilenet_v2 96 → 77 ms).
    return new TeacherRunner(await createSession(copy, { fastConvolutions: true, ...options }), inputNames, outputs);
  }

  /** `feeds`: the batch under the teacher's input names (batchFeeds/datasetFeeds with `inputNames`). */
  async run(feeds: Record<string, ort.Tensor>): Promise<Map<string, { data: Float32Array; dims: number[] }>> {
    const results = await this.session.run(feeds, [...this.outputs]);
    return new Map(this.outputs.map((name) => [name, { data: tensorFloats(results[name], name), dims: [...results[name]!.dims] }]));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Teacher outputs for every example of a dataset, in dataset order. */
export class TeacherOutputCache {
  private constructor(private readonly values: Map<string, { data: Float32Array; exampleDims: number[] }>) {}

  /** Computes and keeps every output for the whole dataset; undefined when it would exceed `budgetBytes`. */
  static async build(runner: TeacherRunner, dataset: Dataset, batchSize: number, budgetBytes: number): Promise<TeacherOutputCache | undefined> {
    const firstCount = Math.min(batchSize, dataset.count);
    const first = await runner.run(datasetFeeds(runner.inputNames, dataset, 0, firstCount));
    let bytesPerExample = 0;
    for (const value of first.values()) bytesPerExample += (value.data.length / firstCount) * 4;
    if (bytesPerExample * dataset.count > budgetBytes) return undefined;
    const values = new Map<string, { data: Float32Array; exampleDims: number[] }>();
    for (const [name, value] of first) {
      const perExample = value.data.length / firstCount;
      const data = new Float32Array(perExample * dataset.count);
      data.set(value.data, 0);
      values.set(name, { data, exampleDims: value.dims.slice(1) });
    }
    for (let start = firstCount; start < dataset.count; start += batchSize) {
      const count = Math.min(batchSize, dataset.count - start);
      const batch = await runner.run(datasetFeeds(runner.inputNames, dataset, start, count));
      for (const [name, value] of batch) {
        const target = values.get(name)!;
        target.data.set(value.data, start * (target.data.length / dataset.count));
      }
    }
    return new TeacherOutputCache(values);
  }

  /** The outputs of the given examples, contiguous, as ORT tensors. */
  gather(name: string, indices: Int32Array, count: number): ort.Tensor {
    const value = this.values.get(name);
    if (!value) throw new Error(`the teacher cache has no '${name}'`);
    const perExample = value.exampleDims.reduce((a, b) => a * b, 1);
    const out = new Float32Array(count * perExample);
    for (let i = 0; i < count; i++) out.set(value.data.subarray(indices[i]! * perExample, (indices[i]! + 1) * perExample), i * perExample);
    return floatTensor(out, [count, ...value.exampleDims]);
  }
}
