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

/**
 * Median latencies of two models on the same feeds, timed in alternating rounds (`runsPerRound` runs
 * of the first, then of the second, `rounds` times) with both sessions open, so that a change in the
 * machine's speed during the measurement falls on both. Measured one after the other, minutes apart on
 * a shared VM, two identical INT8 graphs differed by 1.4× at batch 1.
 */
export async function compareLatency(modelPaths: readonly [string, string], feeds: Record<string, ort.Tensor>, batchSize: number, options: { rounds?: number; runsPerRound?: number; warmup?: number; threads?: number } = {}): Promise<[LatencyResult, LatencyResult]> {
  const sessions = await Promise.all(modelPaths.map((file) => createSessionFromBytes(fs.readFileSync(file), { threads: options.threads ?? 1 })));
  try {
    for (const session of sessions) for (let i = 0; i < (options.warmup ?? 5); i++) await session.run(feeds);
    const times: number[][] = [[], []];
    const rounds = options.rounds ?? 5;
    const runsPerRound = options.runsPerRound ?? 6;
    for (let round = 0; round < rounds; round++) {
      for (const [k, session] of sessions.entries()) {
        for (let i = 0; i < runsPerRound; i++) {
          const start = performance.now();
          await session.run(feeds);
          times[k]!.push(performance.now() - start);
        }
      }
    }
    const result = (k: number): LatencyResult => {
      const sorted = [...times[k]!].sort((a, b) => a - b);
      return { batchSize, medianMs: sorted[Math.floor(sorted.length / 2)]!, runs: sorted.length };
    };
    return [result(0), result(1)];
  } finally {
    for (const session of sessions) await session.release();
  }
}
