/**
 * Lowers the float 2-D dense Conv nodes that have only a few output positions per image to one
 * matrix product over the whole batch: the patches of every image stacked as rows, times the filter.
 *
 * ONNX Runtime runs a Conv as one product per image, of the filter ([M, C·K]) with that image's
 * patches ([C·K, P]). With P = 4 output positions (resnet18's last stage at 64×64 inputs, the
 * 1×1 layers of mobilenet_v2's last stages) each of those products is four columns wide, and the
 * whole filter streams through the cache once per image. Here the patches are cut out with Slices
 * (one per kernel position), stacked to [N·P, C·K] and multiplied once by the filter, so the product
 * is N·P rows tall and runs at the GEMM kernel's full rate. The same numbers up to float32 summation
 * order.
 *
 * The forward Conv alone, one-node models (batch 32, ms, plain Conv → this, 1 thread; 2 threads in brackets):
 * - 3×3, 512 → 512 channels, 2×2 outputs: 51.7–54.9 → 24.6–25.3 (57.2 → 32.0);
 * - 1×1, 320 → 1280 at 2×2: 8.4 → 4.3; 1×1, 960 → 160 at 2×2: 3.0 → 1.7;
 * - and where it lost, which stays on Conv: 3×3, 256 channels at 4×4 23.3 → 31.7; 3×3, 128 at 8×8
 *   20.3 → 31.5; 1×1, 576 → 96 at 4×4 2.0 → 2.6.
 * So layers with at most 4 output positions per image are lowered (MAX_OUTPUT_POSITIONS). A whole
 * layer's step, forward and gradients, is timed by bench/convLayerStep.ts.
 */
import { attr, getInt, getInts, getString } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import type { Model, Node, ValueInfo } from '../onnx/ir.ts';
import { lowerNodes, type LoweringEmitter } from './nodeLowering.ts';

const MAX_OUTPUT_POSITIONS = 4;

interface GemmGeometry {
  channels: number;
  filters: number;
  kernel: [number, number];
  output: [number, number];
  strides: [number, number];
  dilations: [number, number];
  /** top, left, bottom, right */
  pads: [number, number, number, number];
}

/** What a Conv node is, when this lowering takes it; undefined otherwise. */
function gemmGeometry(node: Node, infos: ReadonlyMap<string, ValueInfo>): GemmGeometry | undefined {
  if (node.domain !== '' || node.opType !== 'Conv' || getInt(node, 'group', 1) !== 1) return undefined;
  if (getString(node, 'auto_pad', 'NOTSET') !== 'NOTSET') return undefined;
  const [input, filter] = node.inputs;
  if (!input || !filter) return undefined;
  const inputInfo = infos.get(input);
  const filterShape = infos.get(filter)?.shape;
  const outputShape = infos.get(node.outputs[0]!)?.shape;
  if (inputInfo?.dataType !== DataType.FLOAT || inputInfo.shape?.length !== 4 || filterShape?.length !== 4 || outputShape?.length !== 4) return undefined;
  const [filters, channels, kernelHeight, kernelWidth] = filterShape;
  const [, , outputHeight, outputWidth] = outputShape;
  const known = [filters, channels, kernelHeight, kernelWidth, outputHeight, outputWidth, inputInfo.shape[1]];
  if (!known.every((d): d is number => typeof d === 'number')) return undefined;
  const [m, c, kh, kw, oh, ow] = known as number[];
  if (oh! * ow! > MAX_OUTPUT_POSITIONS) return undefined;
  const pads = getInts(node, 'pads') ?? [0, 0, 0, 0];
  const strides = getInts(node, 'strides') ?? [1, 1];
  const dilations = getInts(node, 'dilations') ?? [1, 1];
  return {
    channels: c!,
    filters: m!,
    kernel: [kh!, kw!],
    output: [oh!, ow!],
    strides: [strides[0]!, strides[1]!],
    dilations: [dilations[0]!, dilations[1]!],
    pads: [pads[0]!, pads[1]!, pads[2]!, pads[3]!],
  };
}

/** A copy of `model` with every Conv this lowering takes replaced by one matrix product; `model` is unchanged. */
export function lowerToGemmConvolutions(model: Model): Model {
  return lowerNodes(model, 'gemm', (node, infos) => {
    const geometry = gemmGeometry(node, infos);
    return geometry && ((emit) => emitGemmConvolution(node, geometry, emit));
  }).model;
}

/** Patches cut out and stacked as [N·P, C·K], one Gemm with the filter, and the product back to [N, M, oh, ow]. */
function emitGemmConvolution(node: Node, geometry: GemmGeometry, { add, finish, ints }: LoweringEmitter): void {
  const [input, filter, bias] = node.inputs as [string, string, string | undefined];
  const { channels, filters, kernel, output, strides, dilations, pads } = geometry;
  const positions = output[0] * output[1];
  const patchLength = channels * kernel[0] * kernel[1];

  // Patches, [N, C, K, P]: one strided Slice of the padded input per kernel position.
  const unpadded = pads.every((p) => p === 0);
  const padded = unpadded ? input : add('Pad', [input, ints('pads', [0, 0, pads[0], pads[1], 0, 0, pads[2], pads[3]])]);
  // A 1×1 kernel of stride 1 over the unpadded input takes every position: no Slice.
  const whole = unpadded && kernel[0] * kernel[1] === 1 && strides[0] === 1 && strides[1] === 1;
  const pieces: string[] = [];
  for (let i = 0; i < kernel[0]; i++) {
    for (let j = 0; j < kernel[1]; j++) {
      const start = [i * dilations[0], j * dilations[1]];
      const end = [start[0]! + (output[0] - 1) * strides[0] + 1, start[1]! + (output[1] - 1) * strides[1] + 1];
      const piece = whole ? padded : add('Slice', [padded, ints('starts', start), ints('ends', end), ints('axes', [2, 3]), ints('steps', strides)]);
      pieces.push(add('Reshape', [piece, ints('pieceShape', [0, channels, 1, positions])]));
    }
  }
  const stacked = pieces.length === 1 ? pieces[0]! : add('Concat', pieces, { axis: attr.int(2) });
  // [N, C·K, P] → [N, P, C·K] → [N·P, C·K], the column order of the filter's [M, C, kh, kw].
  const columns = add('Reshape', [stacked, ints('columnsShape', [0, patchLength, positions])]);
  const rows = add('Reshape', [add('Transpose', [columns], { perm: attr.ints([0, 2, 1]) }), ints('rowsShape', [-1, patchLength])]);
  const matrix = add('Reshape', [filter, ints('filterShape', [filters, patchLength])]);
  const product = add('Gemm', bias ? [rows, matrix, bias] : [rows, matrix], { transB: attr.int(1) });
  // [N·P, M] → [N, P, M] → [N, M, P] → [N, M, oh, ow]
  const perImage = add('Reshape', [product, ints('perImageShape', [-1, positions, filters])]);
  const channelsFirst = add('Transpose', [perImage], { perm: attr.ints([0, 2, 1]) });
  finish('Reshape', [channelsFirst, ints('outputShape', [0, filters, output[0], output[1]])], node.outputs[0]!);
}
