/**
 * Lowers the float 2-D Conv nodes whose filter a graph computes (a fake-quantized trained weight, a
 * gradient's flipped filter) to ONNX Runtime's blocked-layout (NCHWc) convolution kernels.
 *
 * ONNX Runtime makes this change itself only for filters that are constant initializers, because it
 * reorders such a filter once, when it builds the session. A training step computes its filters every
 * step, so without this pass they run on the general im2col + GEMM kernel, and depthwise layers as one
 * tiny product per image and channel (1 thread, batch 32: a 576-channel depthwise 3×3 on 4×4 maps
 * 13.5 ms on Conv against 1.9 ms blocked; many resnet18- and mobilenet_v2-sized 3×3 and 1×1 layers
 * 1.1–1.6× faster; the layers where it lost are listed below and stay on Conv). Here the graph
 * reorders the filter itself every step (Pad, Reshape, Transpose, Reshape: one pass over the
 * weights), and the activations go in and out of the blocked layout around each convolution
 * (ReorderInput, ReorderOutput).
 *
 * The block size is the CPU's (8 with AVX2, 16 with AVX-512), asked of ONNX Runtime by `nchwcBlockSize`.
 */
import * as ort from 'onnxruntime-node';
import { attr, getInt, getInts, getString, makeGraph, makeModel, makeNode, makeValueInfo, type Attributes } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import type { Model, Node, Tensor, ValueInfo } from '../onnx/ir.ts';
import { encodeModel } from '../onnx/protoCodec.ts';
import { lowerNodes, type LoweringEmitter } from './nodeLowering.ts';

export const NCHWC_DOMAIN = 'com.microsoft.nchwc';

/*
 * Where the blocked kernel lost to the plain one (batch 32 unless said, 1 thread, ms plain → blocked),
 * the layer stays on Conv:
 * - fewer products per output value (input channels × kernel area) than 16: MNIST's 1-channel 3×3
 *   stem at batch 128, 12.1 → 14.7, the reorder of its large output costing more than the kernel saves;
 * - a kernel larger than 1×1 over fewer than 9 output positions: 3×3, 512 channels, 2×2 outputs
 *   55 → 65 (stride 1) and 54 → 64 (stride 2), 46.6 → 59.6 in another run; at 4×4 (256 channels)
 *   one run was even, 20 → 21, and another gained, 18.6 → 16.5; 64 channels at 8×8 gain, 9.8 → 6.5;
 * - a 1×1 kernel with fewer than 48 input or output channels, which ONNX Runtime runs as one GEMM
 *   without im2col: 32→16 at 32×32 3.2 → 4.1, 24→144 at 16×16 5.1 → 6.3, 96→24 at 8×8 0.8 → 1.4;
 *   wider ones win: 160→960 at 2×2 3.9 → 2.8, 320→1280 at 2×2 8.7 → 6.2, 64→128 at 16×16 11.3 → 7.8.
 * Depthwise layers win everywhere measured (576 channels at 4×4 13.5 → 1.9, 144 at 16×16 14.1 → 9.3).
 * All measured with AVX2 (block 8); with AVX-512 the block is 16 and the same bounds apply unmeasured.
 */
const MIN_PRODUCTS_PER_OUTPUT = 16;
const MIN_OUTPUT_POSITIONS = 9;
const MIN_POINTWISE_CHANNELS = 48;

/** Whether a dense layer is one the blocked kernel runs faster (above). */
function denseLayerGains(inputChannels: number, outputChannels: number, kernel: [number, number], outputPositions: number | undefined): boolean {
  if (inputChannels * kernel[0] * kernel[1] < MIN_PRODUCTS_PER_OUTPUT) return false;
  if (kernel[0] * kernel[1] === 1) return Math.min(inputChannels, outputChannels) >= MIN_POINTWISE_CHANNELS;
  return outputPositions !== undefined && outputPositions >= MIN_OUTPUT_POSITIONS;
}

interface ConvGeometry {
  inputChannels: number;
  outputChannels: number;
  kernel: [number, number];
  kind: 'dense' | 'denseFromPlainInput' | 'depthwise';
}

/** What a Conv node is, when the blocked kernels can run it; undefined otherwise. */
function blockedGeometry(node: Node, infos: ReadonlyMap<string, ValueInfo>, initializers: ReadonlyMap<string, Tensor>, block: number): ConvGeometry | undefined {
  if (node.domain !== '' || node.opType !== 'Conv') return undefined;
  const [input, filter] = node.inputs;
  if (!input || !filter || initializers.has(filter)) return undefined;
  if (getString(node, 'auto_pad', 'NOTSET') !== 'NOTSET') return undefined;
  const inputInfo = infos.get(input);
  const filterShape = infos.get(filter)?.shape;
  if (inputInfo?.dataType !== DataType.FLOAT || inputInfo.shape?.length !== 4 || filterShape?.length !== 4) return undefined;
  const inputChannels = inputInfo.shape[1];
  const [outputChannels, channelsPerGroup, kernelHeight, kernelWidth] = filterShape;
  if (typeof inputChannels !== 'number' || typeof outputChannels !== 'number' || typeof channelsPerGroup !== 'number' || typeof kernelHeight !== 'number' || typeof kernelWidth !== 'number') return undefined;
  const kernel: [number, number] = [kernelHeight, kernelWidth];
  const group = getInt(node, 'group', 1);
  // ReorderInput takes channel counts in multiples of 4.
  if (group === 1) {
    const outputShape = infos.get(node.outputs[0]!)?.shape;
    const outputPositions = outputShape?.length === 4 && typeof outputShape[2] === 'number' && typeof outputShape[3] === 'number' ? outputShape[2] * outputShape[3] : undefined;
    if (!denseLayerGains(inputChannels, outputChannels, kernel, outputPositions)) return undefined;
    if (inputChannels < block) return { inputChannels, outputChannels, kernel, kind: 'denseFromPlainInput' };
    return inputChannels % 4 === 0 ? { inputChannels, outputChannels, kernel, kind: 'dense' } : undefined;
  }
  const depthwise = group === inputChannels && channelsPerGroup === 1 && outputChannels === inputChannels;
  return depthwise && inputChannels % 4 === 0 ? { inputChannels, outputChannels, kernel, kind: 'depthwise' } : undefined;
}

const roundUp = (value: number, block: number): number => Math.ceil(value / block) * block;

/** A copy of `model` with every Conv the blocked kernels can run lowered to them; `model` is unchanged. */
export function lowerToBlockedConvolutions(model: Model, block: number): Model {
  const result = lowerNodes(model, 'blocked', (node, infos) => {
    const geometry = blockedGeometry(node, infos, model.graph.initializers, block);
    return geometry && ((emit) => emitBlockedConvolution(node, geometry, block, emit));
  });
  if (result.lowered === 0) return model;
  const lowered = result.model;
  const opsetImports = lowered.opsetImports.some((o) => o.domain === NCHWC_DOMAIN) ? lowered.opsetImports : [...lowered.opsetImports, { domain: NCHWC_DOMAIN, version: 1 }];
  return { ...lowered, opsetImports };
}

/** The filter reordered every step, the activations in and out of the blocked layout, and the blocked Conv between. */
function emitBlockedConvolution(node: Node, geometry: ConvGeometry, block: number, { add, finish, ints }: LoweringEmitter): void {
  const [input, filter, bias] = node.inputs as [string, string, string | undefined];
  const { inputChannels, outputChannels, kernel, kind } = geometry;
  const blockedOutputChannels = roundUp(outputChannels, block);
  // The filter's input-channel extent in the blocked kernel's layout.
  const filterInputChannels = kind === 'dense' ? roundUp(inputChannels, block) : kind === 'depthwise' ? 1 : inputChannels;

  // Filter, OIHW → blocked: [O/B][I/B][H][W][Bi][Bo] for dense layers, [O/B][I][H][W][Bo] otherwise.
  const outputPad = blockedOutputChannels - outputChannels;
  const inputPad = kind === 'dense' ? filterInputChannels - inputChannels : 0;
  const padded = outputPad === 0 && inputPad === 0 ? filter : add('Pad', [filter, ints('filterPads', [0, 0, 0, 0, outputPad, inputPad, 0, 0])]);
  const split = kind === 'dense'
    ? add('Reshape', [padded, ints('filterBlocks', [blockedOutputChannels / block, block, filterInputChannels / block, block, ...kernel])])
    : add('Reshape', [padded, ints('filterBlocks', [blockedOutputChannels / block, block, filterInputChannels, ...kernel])]);
  const perm = kind === 'dense' ? [0, 2, 4, 5, 3, 1] : [0, 2, 3, 4, 1];
  const reordered = add('Transpose', [split], { perm: attr.ints(perm) });
  const blockedFilter = add('Reshape', [reordered, ints('filterShape', [blockedOutputChannels, filterInputChannels, ...kernel])]);
  const blockedBias = bias && outputPad > 0
    ? add('Pad', [bias, ints('biasPads', [0, blockedOutputChannels - outputChannels])])
    : bias;

  const blockedInput = kind === 'denseFromPlainInput' ? input : add('ReorderInput', [input], {}, NCHWC_DOMAIN);
  const attributes: Attributes = {
    kernel_shape: attr.ints(kernel),
    group: attr.int(kind === 'depthwise' ? blockedOutputChannels : 1),
  };
  for (const name of ['pads', 'strides', 'dilations']) {
    const values = getInts(node, name);
    if (values) attributes[name] = attr.ints(values);
  }
  const blockedOutput = add('Conv', blockedBias ? [blockedInput, blockedFilter, blockedBias] : [blockedInput, blockedFilter], attributes, NCHWC_DOMAIN);
  finish('ReorderOutput', [blockedOutput], node.outputs[0]!, { channels: attr.int(outputChannels) }, NCHWC_DOMAIN);
}

let blockSize: Promise<number | undefined> | undefined;

/**
 * The channel block of ONNX Runtime's blocked kernels on this CPU (ReorderInput rounds 4 channels up
 * to one block); undefined where the kernels are missing, and then nothing is lowered.
 */
export function nchwcBlockSize(): Promise<number | undefined> {
  blockSize ??= (async () => {
    const probe = makeModel(
      makeGraph('nchwcBlockSize', [makeNode('ReorderInput', ['x'], ['y'], 'reorder', {}, NCHWC_DOMAIN)], [makeValueInfo('x', DataType.FLOAT, [1, 4, 1, 1])], [makeValueInfo('y', DataType.FLOAT)]),
      [{ domain: '', version: 17 }, { domain: NCHWC_DOMAIN, version: 1 }],
    );
    try {
      const session = await ort.InferenceSession.create(encodeModel(probe), { logSeverityLevel: 3 });
      const { y } = await session.run({ x: new ort.Tensor('float32', new Float32Array(4), [1, 4, 1, 1]) });
      await session.release();
      const channels = y?.dims[1];
      return channels !== undefined && channels > 1 ? channels : undefined;
    } catch {
      return undefined;
    }
  })();
  return blockSize;
}
