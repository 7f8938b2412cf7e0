/** Median inference latency of a model in onnxruntime-node. */
import * as fs from 'node:fs';
import type * as ort from 'onnxruntime-node';
import { createSessionFromBytes } from './session.ts';

export interface LatencyResult {
  batchSize: number;
  medianMs: number;
  runs: number;
}

/** Times `runs` runs of the model on the same feeds (a batch of `batchSize`), after `warmup` runs. */
export async function measureLatency(modelPath: string, feeds: Record<string, ort.Tensor>, batchSize: number, options: { runs?: number; warmup?: number; threads?: number } = {}): Promise<LatencyResult> {
  const session = await createSessionFromBytes(fs.readFileSync(modelPath), { threads: options.threads ?? 1 });
  for (let i = 0; i < (options.warmup ?? 5); i++) await session.run(feeds);
  const times: number[] = [];
  const runs = options.runs ?? 30;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
  }
  await session.release();
  times.sort((a, b) => a - b);
  return { batchSize, medianMs: times[Math.floor(times.length / 2)]!, runs };
}
