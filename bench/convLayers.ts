/**
 * One convolution in FP32 against its INT8 export in onnxruntime-node, per layer shape:
 * `node --import tsx bench/convLayers.ts`. Each model is Conv (the measured layer) → Relu →
 * 1×1 Conv to 8 channels, batch 32, 1 thread, medians of 5 interleaved rounds of 5 runs.
 * It shows how many multiply-adds per second ONNX Runtime's int8 and float convolutions do
 * on this CPU (docs/benchmark.md, "FP32 against INT8 in ONNX Runtime").
 */
import * as ort from 'onnxruntime-node';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo } from '../engine/onnx/builder.ts';
import { DataType } from '../engine/onnx/dataType.ts';
import { encodeModel } from '../engine/onnx/protoCodec.ts';
import type { Model } from '../engine/onnx/ir.ts';
import { calibratedExportPlan } from '../engine/quantization/calibratedExportPlan.ts';
import { exportQdqModel } from '../engine/quantization/exportQdq.ts';
import { effectiveQuantization } from '../engine/config/effectiveSections.ts';
import { SeededRandom } from '../engine/util/random.ts';

const BATCH = 32;
const LAYERS: [inputChannels: number, outputChannels: number, size: number, kernel: number][] = [
  [1, 32, 28, 3], [32, 64, 14, 3], [64, 64, 16, 3], [128, 128, 8, 3], [256, 256, 4, 3], [64, 256, 16, 1], [512, 512, 2, 3],
];

function uniform(count: number, random: SeededRandom): Float32Array {
  return Float32Array.from({ length: count }, () => random.next() - 0.5);
}

function layerModel(cin: number, cout: number, size: number, kernel: number, random: SeededRandom): Model {
  const pad = kernel >> 1;
  return makeModel(makeGraph('conv_layer', [
    makeNode('Conv', ['x', 'w', 'b'], ['c'], 'conv', { pads: attr.ints([pad, pad, pad, pad]) }),
    makeNode('Relu', ['c'], ['r'], 'relu'),
    makeNode('Conv', ['r', 'w2', 'b2'], ['y'], 'conv2'),
  ], [makeValueInfo('x', DataType.FLOAT, ['N', cin, size, size])], [makeValueInfo('y', DataType.FLOAT, ['N', 8, size, size])], [
    makeTensor('w', DataType.FLOAT, [cout, cin, kernel, kernel], uniform(cout * cin * kernel * kernel, random)),
    makeTensor('b', DataType.FLOAT, [cout], uniform(cout, random)),
    makeTensor('w2', DataType.FLOAT, [8, cout, 1, 1], uniform(8 * cout, random)),
    makeTensor('b2', DataType.FLOAT, [8], new Float32Array(8)),
  ]));
}

async function main(): Promise<void> {
  const random = new SeededRandom(0);
  const defaults = effectiveQuantization(undefined, 'bench/convLayers.ts');
  const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  console.log('| first Conv | FP32 ms | INT8 ms | INT8 speed-up | FP32 GMAC/s |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [cin, cout, size, kernel] of LAYERS) {
    const model = layerModel(cin, cout, size, kernel, random);
    const input = (): ort.Tensor => new ort.Tensor('float32', Float32Array.from({ length: BATCH * cin * size * size }, () => 2 * random.next() - 1), [BATCH, cin, size, size]);
    const plan = await calibratedExportPlan(model, [{ x: input() }], defaults);
    const sessions = [await ort.InferenceSession.create(encodeModel(model), options), await ort.InferenceSession.create(encodeModel(exportQdqModel(model, plan)), options)];
    const feeds = { x: input() };
    const times: number[][] = [[], []];
    for (let round = 0; round < 5; round++) {
      for (const [k, session] of sessions.entries()) {
        const start = performance.now();
        for (let run = 0; run < 5; run++) await session.run(feeds);
        times[k]!.push((performance.now() - start) / 5);
      }
    }
    const [fp32, int8] = times.map((t) => [...t].sort((a, b) => a - b)[2]!) as [number, number];
    const macs = (BATCH * size * size * cout * cin * kernel * kernel) / 1e9;
    console.log(`| ${cin}→${cout}, ${kernel}×${kernel}, ${size}×${size} | ${fp32.toFixed(2)} | ${int8.toFixed(2)} | ${(fp32 / int8).toFixed(2)}× | ${((macs / fp32) * 1000).toFixed(1)} |`);
    for (const session of sessions) await session.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
