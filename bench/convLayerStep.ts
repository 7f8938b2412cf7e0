/**
 * One convolution layer's share of a training step, as the step runs it: the forward Conv with its
 * filter a graph input (as a fake-quantized weight is), and both gradients (dX and dW) of a random
 * linear loss, built by DistQ's autodiff and run through the step session's lowerings
 * (engine/runtime/session.ts, `fastConvolutions`). Batch 32, medians of interleaved rounds.
 * Run: node --import tsx bench/convLayerStep.ts [--threads N] [--rounds R]
 */
import * as ort from 'onnxruntime-node';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../engine/onnx/builder.ts';
import { DataType } from '../engine/onnx/dataType.ts';
import { buildGradientGraph } from '../engine/autodiff/differentiate.ts';
import { createSession } from '../engine/runtime/session.ts';
import { SeededRandom } from '../engine/util/random.ts';

const BATCH = 32;

interface Layer {
  label: string;
  channels: number;
  filters: number;
  size: number;
  kernel: number;
  stride?: number;
  depthwise?: boolean;
}

/** resnet18's and mobilenet_v2's layer shapes at 3×64×64 inputs, where the lowerings decide. */
const LAYERS: Layer[] = [
  { label: 'resnet18 layer4, 3×3 512→512 at 2×2', channels: 512, filters: 512, size: 2, kernel: 3 },
  { label: 'resnet18 layer4.0, 3×3/2 256→512 from 4×4', channels: 256, filters: 512, size: 4, kernel: 3, stride: 2 },
  { label: 'resnet18 layer3, 3×3 256→256 at 4×4', channels: 256, filters: 256, size: 4, kernel: 3 },
  { label: 'mobilenet_v2, 1×1 320→1280 at 2×2', channels: 320, filters: 1280, size: 2, kernel: 1 },
  { label: 'mobilenet_v2, depthwise 3×3 960 at 2×2', channels: 960, filters: 960, size: 2, kernel: 3, depthwise: true },
  { label: 'mobilenet_v2, depthwise 3×3 576 at 4×4', channels: 576, filters: 576, size: 4, kernel: 3, depthwise: true },
  { label: 'mobilenet_v2, depthwise 3×3 144 at 16×16', channels: 144, filters: 144, size: 16, kernel: 3, depthwise: true },
  { label: 'mobilenet_v2, depthwise 3×3/2 96 from 32×32', channels: 96, filters: 96, size: 32, kernel: 3, stride: 2, depthwise: true },
  { label: 'mobilenet_v2, depthwise 3×3/2 576 from 4×4', channels: 576, filters: 576, size: 4, kernel: 3, stride: 2, depthwise: true },
];

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

async function layerSession(layer: Layer, threads: number, random: SeededRandom): Promise<{ session: ort.InferenceSession; feeds: Record<string, ort.Tensor> }> {
  const stride = layer.stride ?? 1;
  const pad = layer.kernel >> 1;
  const filterShape = [layer.filters, layer.depthwise ? 1 : layer.channels, layer.kernel, layer.kernel];
  const outputSize = Math.floor((layer.size + 2 * pad - layer.kernel) / stride) + 1;
  const attributes: Attributes = { pads: attr.ints([pad, pad, pad, pad]), strides: attr.ints([stride, stride]) };
  if (layer.depthwise) attributes.group = attr.int(layer.channels);
  const values = (count: number): Float32Array => Float32Array.from({ length: count }, () => random.next() - 0.5);
  const outputCount = BATCH * layer.filters * outputSize * outputSize;
  const graph = makeGraph('layer', [
    makeNode('Conv', ['x', 'w'], ['y'], 'conv', attributes),
    makeNode('Mul', ['y', 'r'], ['weighted'], 'weight'),
    makeNode('ReduceSum', ['weighted'], ['loss'], 'loss', { keepdims: attr.int(0) }),
  ], [makeValueInfo('x', DataType.FLOAT, ['N', layer.channels, layer.size, layer.size]), makeValueInfo('w', DataType.FLOAT, filterShape)], [makeValueInfo('loss', DataType.FLOAT, [])], [
    makeTensor('r', DataType.FLOAT, [BATCH, layer.filters, outputSize, outputSize], values(outputCount)),
  ]);
  const { gradients } = buildGradientGraph(graph, { loss: 'loss', parameters: ['x', 'w'], opset: 17 });
  graph.outputs.push(makeValueInfo(gradients.get('x')!, DataType.FLOAT), makeValueInfo(gradients.get('w')!, DataType.FLOAT));
  const session = await createSession(makeModel(graph), { threads, fastConvolutions: true });
  const inputShape = [BATCH, layer.channels, layer.size, layer.size];
  const feeds = {
    x: new ort.Tensor('float32', values(inputShape.reduce((a, b) => a * b, 1)), inputShape),
    w: new ort.Tensor('float32', values(filterShape.reduce((a, b) => a * b, 1)), filterShape),
  };
  return { session, feeds };
}

async function main(): Promise<void> {
  const threads = Number(option('threads', '1'));
  const rounds = Number(option('rounds', '5'));
  const random = new SeededRandom(0);
  const prepared = [];
  for (const layer of LAYERS) prepared.push({ layer, ...(await layerSession(layer, threads, random)) });
  const times = prepared.map(() => [] as number[]);
  for (const { session, feeds } of prepared) await session.run(feeds);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { session, feeds }] of prepared.entries()) {
      const start = performance.now();
      for (let run = 0; run < 3; run++) await session.run(feeds);
      times[i]!.push((performance.now() - start) / 3);
    }
  }
  console.log(`| layer (batch ${BATCH}, ${threads} thread${threads === 1 ? '' : 's'}) | forward + dX + dW, ms |`);
  console.log('| --- | --- |');
  for (const [i, { layer }] of prepared.entries()) {
    const sorted = [...times[i]!].sort((a, b) => a - b);
    console.log(`| ${layer.label} | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} |`);
  }
  for (const { session } of prepared) await session.release();
}

main().catch((error: unknown) => {
  console.error(`convLayerStep: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
