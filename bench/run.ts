/**
 * `npm run bench`: one QAT + KD training step, DistQ against eager PyTorch on this machine,
 * interleaved rounds, medians; the ratio PyTorch ÷ DistQ last. The MNIST MLP and CNN at batch
 * 128 with given teacher logits; torchvision's resnet18 and mobilenet_v2 (3×64×64) at batch 32
 * with the FP32 teacher run in every step.
 * Options: --threads N (default 2), --rounds K (default 5), --steps S (default 20; the
 * torchvision models' rounds have S/4 steps), --models a,b (default: mlp,cnn,resnet18,mobilenet_v2).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { MNIST_CNN, MNIST_MLP } from '../engine/models/mnistModels.ts';
import { prepareQatKdStep, type PreparedStep } from './distqStep.ts';
import { prepareZooQatKdStep, ZOO_BATCH } from './zooStep.ts';

const PYTHON = '/usr/bin/python3';

interface BenchModel {
  name: string;
  batch: number;
  /** Steps per round as a share of --steps: the torchvision models' steps are ~50× longer. */
  stepShare: number;
  prepare(threads: number): Promise<PreparedStep>;
}

const MODELS: BenchModel[] = [
  { name: 'mlp', batch: 128, stepShare: 1, prepare: (threads) => prepareQatKdStep(MNIST_MLP, 128, threads) },
  { name: 'cnn', batch: 128, stepShare: 1, prepare: (threads) => prepareQatKdStep(MNIST_CNN, 128, threads) },
  { name: 'resnet18', batch: ZOO_BATCH, stepShare: 0.25, prepare: (threads) => prepareZooQatKdStep('resnet18', threads) },
  { name: 'mobilenet_v2', batch: ZOO_BATCH, stepShare: 0.25, prepare: (threads) => prepareZooQatKdStep('mobilenet_v2', threads) },
];

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
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

function pytorchRound(model: string, threads: number, steps: number, mallocEnv: Record<string, string>): PytorchRound {
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
  const threads = Number(option('threads', '2'));
  const rounds = Number(option('rounds', '5'));
  const steps = Number(option('steps', '20'));
  const wanted = option('models', MODELS.map((m) => m.name).join(',')).split(',');
  const unknown = wanted.filter((name) => !MODELS.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`unknown model(s) ${unknown.join(', ')}; known: ${MODELS.map((m) => m.name).join(', ')}`);
  const havePytorch = pytorchAvailable();
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${threads} threads, ${rounds} interleaved rounds of ${steps} steps (torchvision models: ${Math.max(1, Math.round(steps / 4))})`);
  const mallocEnv = havePytorch
    ? (JSON.parse(spawnSync(PYTHON, ['bench/pytorch_step.py', '--print-malloc-env'], { encoding: 'utf8' }).stdout) as Record<string, string>)
    : {};
  if (!havePytorch) console.log(`PyTorch is not installed for ${PYTHON} (apt-get install python3-torch libopenblas0-pthread): DistQ's numbers alone.`);
  const summary: string[] = [];
  for (const model of MODELS.filter((m) => wanted.includes(m.name))) {
    const name = model.name;
    const modelSteps = Math.max(1, Math.round(steps * model.stepShare));
    const prepared = await model.prepare(threads);
    console.log(`${name} (batch ${model.batch}): session build ${prepared.buildMs.toFixed(0)} ms + first step ${prepared.firstStepMs.toFixed(0)} ms = ${(prepared.buildMs + prepared.firstStepMs).toFixed(0)} ms`);
    for (let i = 0; i < 5; i++) await prepared.step();
    const distq: number[] = [];
    const pytorch: number[] = [];
    let blas = '';
    for (let round = 0; round < rounds; round++) {
      distq.push(await distqRound(prepared, modelSteps));
      if (havePytorch) {
        const result = pytorchRound(name, threads, modelSteps, mallocEnv);
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
