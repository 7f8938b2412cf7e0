/**
 * Lowers the float 2-D dense Conv nodes that have only a few output positions per image to one
 * matrix product over the whole batch: the patches of every image stacked as rows, times the filter.
 *
 * ONNX Runtime runs a Conv as one product per image, of the filter ([M, C·K]) with that image's
 * patches ([C·K, P]). With P = 4 output positions (resnet18's last stage at 64×64 inputs, the
 * 1×1 layers of mobilenet_v2's last stages) each of those products is four columns wide, and the
 * whole filter streams through the cache once per image. Here the patches are gathered by one
 * product of X with a constant 0/1 matrix (patchMatrix, which the Conv gradient's col2im uses too),
 * arranged as [N·P, C·K] and multiplied once by the filter, so the product is N·P rows tall and runs
 * at the GEMM kernel's full rate. The same numbers up to
 * float32 summation order (the gather adds zeros to each value picked, exactly, for finite X).
 *
 * The forward Conv alone, one-node models (batch 32, ms, plain Conv → this, 1 thread; 2 threads in
 * brackets; measured when the patches were gathered by one strided Slice per kernel position, which
 * the product replaced, docs/benchmark.md):
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
import { isIdentityMatrix, patchMatrix } from '../onnx/shapes/windowGeometry.ts';

const MAX_OUTPUT_POSITIONS = 4;
/** Largest patch-gathering matrix ([H·W, K·P], below); a layer that would need more stays on Conv. */
const MAX_GATHER_ENTRIES = 1 << 16;

interface GemmGeometry {
  channels: number;
  filters: number;
  input: [number, number];
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
  const known = [filters, channels, kernelHeight, kernelWidth, outputHeight, outputWidth, inputInfo.shape[2], inputInfo.shape[3], inputInfo.shape[1]];
  if (!known.every((d): d is number => typeof d === 'number')) return undefined;
  const [m, c, kh, kw, oh, ow, h, w] = known as number[];
  if (oh! * ow! > MAX_OUTPUT_POSITIONS || h! * w! * kh! * kw! * oh! * ow! > MAX_GATHER_ENTRIES) return undefined;
  const pads = getInts(node, 'pads') ?? [0, 0, 0, 0];
  const strides = getInts(node, 'strides') ?? [1, 1];
  const dilations = getInts(node, 'dilations') ?? [1, 1];
  return {
    channels: c!,
    filters: m!,
    input: [h!, w!],
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
  const { channels, filters, kernel, output, strides, pads } = geometry;
  const positions = output[0] * output[1];
  const patchLength = channels * kernel[0] * kernel[1];

  // Patches, [N, C, P, K]: X as [N·C, H·W] times Sᵀ, S the [P·K, H·W] 0/1 matrix of patchMatrix (a zero
  // row over padding); a 1×1 kernel of stride 1 without pads, where S is the identity, takes X as it is.
  // The Pad and one strided Slice per kernel position this replaces took 12 ms a step for resnet18's
  // three 512-channel 2×2 layers (batch 32, 2 threads).
  const planeSize = geometry.input[0] * geometry.input[1];
  const windowSize = kernel[0] * kernel[1];
  const selection = patchMatrix({ input: geometry.input, output, kernel, strides, dilations: geometry.dilations, padsBegin: [pads[0], pads[1]] });
  const patches = isIdentityMatrix(selection, planeSize)
    ? input
    : add('MatMul', [add('Reshape', [input, ints('planeShape', [-1, planeSize])]), add('Cast', [add('Reshape', [ints('gather', transposed(selection, planeSize)), ints('gatherShape', [planeSize, positions * windowSize])])], { to: attr.int(DataType.FLOAT) })]);
  // [N, C, P, K] → [N, P, C, K] → [N·P, C·K], the column order of the filter's [M, C, kh, kw].
  const perChannel = add('Reshape', [patches, ints('patchesShape', [-1, channels, positions, windowSize])]);
  const rows = add('Reshape', [add('Transpose', [perChannel], { perm: attr.ints([0, 2, 1, 3]) }), ints('rowsShape', [-1, patchLength])]);
  const matrix = add('Reshape', [filter, ints('filterShape', [filters, patchLength])]);
  const product = add('Gemm', bias ? [rows, matrix, bias] : [rows, matrix], { transB: attr.int(1) });
  // [N·P, M] → [N, P, M] → [N, M, P] → [N, M, oh, ow]
  const perImage = add('Reshape', [product, ints('perImageShape', [-1, positions, filters])]);
  const channelsFirst = add('Transpose', [perImage], { perm: attr.ints([0, 2, 1]) });
  finish('Reshape', [channelsFirst, ints('outputShape', [0, filters, output[0], output[1]])], node.outputs[0]!);
}

/** The transpose of a row-major matrix with `columns` columns. */
function transposed(matrix: readonly number[], columns: number): number[] {
  const rows = matrix.length / columns;
  return Array.from({ length: matrix.length }, (_, i) => matrix[(i % rows) * columns + Math.floor(i / rows)]!);
}
