/** A metrics.jsonl far longer than any panel shows, for the tests of bounded reads (unit and integration tiers). */
import * as fs from 'node:fs';

export const STEPS_PER_EPOCH = 5000;

export function stepLine(globalStep: number): string {
  return JSON.stringify({ type: 'step', epoch: Math.floor(globalStep / STEPS_PER_EPOCH), step: globalStep % STEPS_PER_EPOCH, globalStep, loss: 1 / (1 + globalStep), losses: { labels: 0.5, kd: 0.25, 'layer linear1_out': 0.125 }, learningRate: 0.01, gradientNorm: 1.5, stepMs: 3.25 });
}

export function epochLine(epoch: number): string {
  return JSON.stringify({ type: 'epoch', epoch, trainLoss: 0.1, accuracy: { qatFakeQuant: 0.9 + epoch / 1000 }, seconds: 12 });
}

/** Writes metrics.jsonl of at least `bytes`: whole epochs of step records, each followed by its epoch record. */
export function writeLargeMetrics(file: string, bytes: number): { steps: number; epochs: number } {
  const handle = fs.openSync(file, 'w');
  let written = 0;
  let steps = 0;
  let epochs = 0;
  try {
    while (written < bytes) {
      const lines: string[] = [];
      for (let i = 0; i < STEPS_PER_EPOCH; i += 1) lines.push(stepLine(steps + i));
      lines.push(epochLine(epochs));
      const text = `${lines.join('\n')}\n`;
      fs.writeSync(handle, text);
      written += Buffer.byteLength(text);
      steps += STEPS_PER_EPOCH;
      epochs += 1;
    }
  } finally {
    fs.closeSync(handle);
  }
  return { steps, epochs };
}
