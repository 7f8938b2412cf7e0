/**
 * Where the time of the benchmark's training step goes: runs the step graph of
 * bench/distqStep.ts with ONNX Runtime's profiler and prints kernel time per op type
 * (and per node with --nodes K). Graph only: no optimizer update, parameters fed as inputs.
 * The MNIST models at batch 128, resnet18 and mobilenet_v2 at batch 32 (their teacher's session is not profiled).
 * Run: node --import tsx bench/profileStep.ts [--model cnn|mlp|resnet18|mobilenet_v2] [--threads N] [--steps S] [--nodes K] [--plain-convolutions (neither lowering of engine/runtime/session.ts)]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { MNIST_CNN, MNIST_MLP } from '../engine/models/mnistModels.ts';
import { encodeModel } from '../engine/onnx/protoCodec.ts';
import { checkModel } from '../engine/onnx/checker.ts';
import { floatTensor, ortSessionOptions } from '../engine/runtime/session.ts';
import { lowerToBlockedConvolutions, nchwcBlockSize } from '../engine/runtime/blockedConvolutions.ts';
import { lowerToGemmConvolutions } from '../engine/runtime/gemmConvolutions.ts';
import { buildQatKdGraph, qatKdFeeds, type QatKdGraph } from './distqStep.ts';
import { buildZooQatKdGraph, ZOO_BATCH, ZOO_BENCH_MODELS, type ZooBenchModel } from './zooStep.ts';

interface ProfileEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string };
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function printTable(title: string, totals: Map<string, number>, steps: number, limit: number): void {
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(title);
  for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`  ${key.padEnd(60)} ${(micros / steps / 1000).toFixed(2).padStart(7)} ms ${((100 * micros) / all).toFixed(1).padStart(5)} %`);
  }
}

async function stepGraph(modelName: string): Promise<{ qatKd: QatKdGraph; feeds: Record<string, ort.Tensor> }> {
  if (modelName === 'mlp' || modelName === 'cnn') {
    const qatKd = buildQatKdGraph(modelName === 'mlp' ? MNIST_MLP : MNIST_CNN);
    return { qatKd, feeds: qatKdFeeds(128, qatKd.activations) };
  }
  if (!ZOO_BENCH_MODELS.includes(modelName as ZooBenchModel)) throw new Error(`--model takes mlp, cnn or ${ZOO_BENCH_MODELS.join(', ')}`);
  return buildZooQatKdGraph(modelName as ZooBenchModel, ZOO_BATCH);
}

async function main(): Promise<void> {
  const modelName = option('model', 'cnn');
  const threads = Number(option('threads', '1'));
  const steps = Number(option('steps', '20'));
  const nodeLimit = Number(option('nodes', '0'));
  const { qatKd, feeds } = await stepGraph(modelName);
  const { model, graph } = qatKd;
  checkModel(graph.model);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-profile-'));
  // As TrainStepSession runs it, unless --plain-convolutions asks for ONNX Runtime's own Conv kernels.
  const plain = process.argv.includes('--plain-convolutions');
  const block = plain ? undefined : await nchwcBlockSize();
  const gemm = plain ? graph.model : lowerToGemmConvolutions(graph.model);
  const session = await ort.InferenceSession.create(encodeModel(block ? lowerToBlockedConvolutions(gemm, block) : gemm), {
    ...ortSessionOptions({ threads }),
    enableProfiling: true,
    profileFilePrefix: path.join(directory, 'step'),
  });
  for (const name of graph.parameters) {
    const tensor = model.graph.initializers.get(name)!;
    feeds[name] = floatTensor(tensor.data as Float32Array, tensor.dims);
  }
  for (let i = 0; i < 3; i++) await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
  }
  session.endProfiling();
  await session.release();
  const file = fs.readdirSync(directory).find((name) => name.endsWith('.json'));
  if (!file) throw new Error(`ONNX Runtime wrote no profile into ${directory}`);
  const events = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as ProfileEvent[];
  fs.rmSync(directory, { recursive: true, force: true });
  const runs = steps + 3;
  const byOpType = new Map<string, number>();
  const byNode = new Map<string, number>();
  for (const event of events) {
    if (event.cat !== 'Node' || !event.name.endsWith('_kernel_time')) continue;
    const opType = event.args?.op_name ?? '?';
    byOpType.set(opType, (byOpType.get(opType) ?? 0) + event.dur);
    const node = `${opType} ${event.name.slice(0, -'_kernel_time'.length)}`;
    byNode.set(node, (byNode.get(node) ?? 0) + event.dur);
  }
  const kernelMs = [...byOpType.values()].reduce((a, b) => a + b, 0) / runs / 1000;
  console.log(`${modelName}, ${threads} thread(s): run median ${median(times).toFixed(2)} ms (profiled), kernel time ${kernelMs.toFixed(2)} ms per run`);
  printTable('kernel time per op type (per run):', byOpType, runs, 20);
  if (nodeLimit > 0) printTable('kernel time per node (per run):', byNode, runs, nodeLimit);
}

main().catch((error: unknown) => {
  console.error(`profile: ${(error as Error).message}`);
  process.exitCode = 1;
});
