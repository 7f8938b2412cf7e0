/** Median inference latency of models in onnxruntime-node. */
import * as fs from 'node:fs';
import type * as ort from 'onnxruntime-node';
import { createSessionFromBytes } from './session.ts';

export interface LatencyResult {
  batchSize: number;
  medianMs: number;
  runs: number;
}

interface RoundOptions {
  rounds: number;
  runsPerRound: number;
  warmup?: number;
  threads?: number;
}

/**
 * Times each model on the same feeds (a batch of `batchSize`), after `warmup` runs of each: `rounds`
 * times in turn, `runsPerRound` runs of the first model, then of the second, …, with every session open.
 */
async function timeInRounds(modelPaths: readonly string[], feeds: Record<string, ort.Tensor>, batchSize: number, options: RoundOptions): Promise<LatencyResult[]> {
  const sessions = await Promise.all(modelPaths.map((file) => createSessionFromBytes(fs.readFileSync(file), { threads: options.threads ?? 1 })));
  try {
    for (const session of sessions) for (let i = 0; i < (options.warmup ?? 5); i++) await session.run(feeds);
    const times = sessions.map((): number[] => []);
    for (let round = 0; round < options.rounds; round++) {
      for (const [k, session] of sessions.entries()) {
        for (let i = 0; i < options.runsPerRound; i++) {
          const start = performance.now();
          await session.run(feeds);
          times[k]!.push(performance.now() - start);
        }
      }
    }
    return times.map((modelTimes) => {
      const sorted = [...modelTimes].sort((a, b) => a - b);
      return { batchSize, medianMs: sorted[Math.floor(sorted.length / 2)]!, runs: sorted.length };
    });
  } finally {
    for (const session of sessions) await session.release();
  }
}

/** Times `runs` runs of the model on the same feeds (a batch of `batchSize`), after `warmup` runs. */
export async function measureLatency(modelPath: string, feeds: Record<string, ort.Tensor>, batchSize: number, options: { runs?: number; warmup?: number; threads?: number } = {}): Promise<LatencyResult> {
  const [result] = await timeInRounds([modelPath], feeds, batchSize, { rounds: 1, runsPerRound: options.runs ?? 30, warmup: options.warmup, threads: options.threads });
  return result!;
}

/**
 * Median latencies of two models on the same feeds, timed in alternating rounds (`runsPerRound` runs
 * of the first, then of the second, `rounds` times) with both sessions open, so that a change in the
 * machine's speed during the measurement falls on both. Measured one after the other, minutes apart on
 * a shared VM, two identical INT8 graphs differed by 1.4× at batch 1.
 */
export async function compareLatency(modelPaths: readonly [string, string], feeds: Record<string, ort.Tensor>, batchSize: number, options: { rounds?: number; runsPerRound?: number; warmup?: number; threads?: number } = {}): Promise<[LatencyResult, LatencyResult]> {
  const [first, second] = await timeInRounds(modelPaths, feeds, batchSize, { ...options, rounds: options.rounds ?? 5, runsPerRound: options.runsPerRound ?? 6 });
  return [first!, second!];
}
