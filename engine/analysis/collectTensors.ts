/**
 * Runs a model with some of its intermediate tensors added as outputs (as ONNX
 * Runtime's qdq_loss_debug augments a model) and returns their values per batch.
 */
import type * as ort from 'onnxruntime-node';
import { DataType } from '../onnx/dataType.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { makeValueInfo } from '../onnx/builder.ts';
import type { Model } from '../onnx/ir.ts';
import { createSession, tensorFloats } from '../runtime/session.ts';

export type Feeds = Record<string, ort.Tensor>;

/** For each name, one Float32Array per batch (flattened). */
export async function collectTensors(model: Model, names: readonly string[], batches: readonly Feeds[], options: { threads?: number } = {}): Promise<Map<string, Float32Array[]>> {
  const augmented = cloneModel(model);
  const outputs = new Set(augmented.graph.outputs.map((o) => o.name));
  for (const name of names) if (!outputs.has(name)) augmented.graph.outputs.push(makeValueInfo(name, DataType.FLOAT));
  // Without graph optimizations, as qdq_loss_debug runs: every tensor exists as written.
  const session = await createSession(augmented, { threads: options.threads ?? 1, optimizationLevel: 'disabled' });
  const collected = new Map<string, Float32Array[]>(names.map((n) => [n, []]));
  try {
    for (const feeds of batches) {
      const results = await session.run(feeds);
      for (const name of names) collected.get(name)!.push(tensorFloats(results[name], name));
    }
  } finally {
    await session.release();
  }
  return collected;
}
