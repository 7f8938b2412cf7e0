/**
 * `npm run bench`: one QAT + KD training step at batch 128, DistQ against eager
 * PyTorch on this machine, interleaved rounds, medians; the ratio PyTorch ÷ DistQ last.
 * Options: --threads N (default 2), --rounds K (default 5), --steps S (default 20).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { MNIST_CNN, MNIST_MLP } from '../engine/models/mnistModels.ts';
import { prepareQatKdStep, type PreparedStep } from './distqStep.ts';

const PYTHON = '/usr/bin/python3';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface PytorchRound {
  medianMs: number;
  blas: string;
  torch: string;
}

function pytorchAvailable(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function pytorchRound(model: 'mlp' | 'cnn', threads: number, steps: number, mallocEnv: Record<string, string>): PytorchRound {
  const result = spawnSync(PYTHON, ['bench/pytorch_step.py', '--model', model, '--threads', String(threads), '--steps', String(steps), '--warmup', '5'], {
    encoding: 'utf8',
    env: { ...process.env, ...mallocEnv },
  });
  if (result.status !== 0) throw new Error(`bench/pytorch_step.py failed: ${result.stderr.trim().split('\n').pop()}`);
  const line = result.stdout.trim().split('\n').pop()!;
  const parsed = JSON.parse(line) as { medianMs: number; blas: string; torch: string };
  return parsed;
}

async function distqRound(step: PreparedStep, steps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < steps; i++) times.push(await step.step());
  return median(times);
}

async function main(): Promise<void> {
  const threads = option('threads', 2);
  const rounds = option('rounds', 5);
  const steps = option('steps', 20);
  const havePytorch = pytorchAvailable();
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${threads} threads, batch 128, ${rounds} interleaved rounds of ${steps} steps`);
  const mallocEnv = havePytorch
    ? (JSON.parse(spawnSync(PYTHON, ['bench/pytorch_step.py', '--print-malloc-env'], { encoding: 'utf8' }).stdout) as Record<string, string>)
    : {};
  if (!havePytorch) console.log(`PyTorch is not installed for ${PYTHON} (apt-get install python3-torch libopenblas0-pthread): DistQ's numbers alone.`);
  const summary: string[] = [];
  for (const [name, spec] of [['mlp', MNIST_MLP], ['cnn', MNIST_CNN]] as const) {
    const prepared = await prepareQatKdStep(spec, 128, threads);
    console.log(`${name}: session build ${prepared.buildMs.toFixed(0)} ms + first step ${prepared.firstStepMs.toFixed(0)} ms = ${(prepared.buildMs + prepared.firstStepMs).toFixed(0)} ms`);
    for (let i = 0; i < 5; i++) await prepared.step();
    const distq: number[] = [];
    const pytorch: number[] = [];
    let blas = '';
    for (let round = 0; round < rounds; round++) {
      distq.push(await distqRound(prepared, steps));
      if (havePytorch) {
        const result = pytorchRound(name, threads, steps, mallocEnv);
        pytorch.push(result.medianMs);
        blas = `torch ${result.torch}, BLAS ${result.blas}`;
      }
    }
    const distqMs = median(distq);
    console.log(`${name}: DistQ median ${distqMs.toFixed(2)} ms/step (rounds: ${distq.map((v) => v.toFixed(2)).join(', ')})`);
    if (havePytorch) {
      const pytorchMs = median(pytorch);
      console.log(`${name}: PyTorch median ${pytorchMs.toFixed(2)} ms/step (rounds: ${pytorch.map((v) => v.toFixed(2)).join(', ')}; ${blas})`);
      summary.push(`${name}: PyTorch ÷ DistQ = ${(pytorchMs / distqMs).toFixed(2)}×`);
    }
  }
  for (const line of summary) console.log(line);
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
});
