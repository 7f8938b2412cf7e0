/** Size and latency of a float model against its INT8 export, in onnxruntime-node. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as ort from 'onnxruntime-node';
import type { Model } from '../onnx/ir.ts';
import { encodeModel } from '../onnx/protoCodec.ts';
import { measureLatency, type LatencyResult } from '../runtime/latency.ts';

/** Bytes of the serialized model (the file's size for a path). */
export function measureModelSize(model: Model | string): number {
  return typeof model === 'string' ? fs.statSync(model).size : encodeModel(model).byteLength;
}

export interface ModelCost {
  bytes: number;
  /** One entry per batch size measured (batch 1 first). */
  latency: LatencyResult[];
}

export interface Fp32Int8Comparison {
  fp32: ModelCost;
  int8: ModelCost;
  /** fp32 bytes / int8 bytes. */
  sizeRatio: number;
}

export interface CostOptions {
  /** The model's inputs for a batch of the given size (repeatedFeeds in runtime/inputFeeds.ts makes them from a dataset). */
  feeds(batchSize: number): Record<string, ort.Tensor>;
  /** Measured besides batch 1. */
  batchSize: number;
  threads?: number;
  runs?: number;
  warmup?: number;
}

export async function compareFp32Int8(fp32: Model | string, int8: Model | string, options: CostOptions): Promise<Fp32Int8Comparison> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-cost-'));
  try {
    const measure = async (model: Model | string, label: string): Promise<ModelCost> => {
      const file = typeof model === 'string' ? model : path.join(folder, `${label}.onnx`);
      if (typeof model !== 'string') fs.writeFileSync(file, encodeModel(model));
      const latency: LatencyResult[] = [];
      for (const batch of [...new Set([1, options.batchSize])]) {
        latency.push(await measureLatency(file, options.feeds(batch), batch, { threads: options.threads ?? 1, runs: options.runs, warmup: options.warmup }));
      }
      return { bytes: measureModelSize(file), latency };
    };
    const fp32Cost = await measure(fp32, 'fp32');
    const int8Cost = await measure(int8, 'int8');
    return { fp32: fp32Cost, int8: int8Cost, sizeRatio: fp32Cost.bytes / int8Cost.bytes };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
