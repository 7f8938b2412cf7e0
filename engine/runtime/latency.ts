/** Median inference latency of a model in onnxruntime-node. */
import * as fs from 'node:fs';
import { createSessionFromBytes, floatTensor } from './session.ts';

export interface LatencyResult {
  batchSize: number;
  medianMs: number;
  runs: number;
}

export async function measureLatency(modelPath: string, inputName: string, exampleShape: readonly number[], batchSize: number, options: { runs?: number; warmup?: number; threads?: number } = {}): Promise<LatencyResult> {
  const session = await createSessionFromBytes(fs.readFileSync(modelPath), { threads: options.threads ?? 1 });
  const size = exampleShape.reduce((a, b) => a * b, 1);
  const input = new Float32Array(batchSize * size);
  for (let i = 0; i < input.length; i++) input[i] = ((i * 7919) % 255) / 255;
  const feeds = { [inputName]: floatTensor(input, [batchSize, ...exampleShape]) };
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
