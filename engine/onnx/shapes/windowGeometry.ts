/**
 * The sliding-window arithmetic shared by Conv, ConvTranspose and the pools:
 * attributes read with their defaults, auto_pad resolved to explicit pads, output sizes.
 */
import { getInt, getInts, getString } from '../builder.ts';
import type { Dim, Node } from '../ir.ts';
import { UNKNOWN_DIM } from './dims.ts';

export interface WindowGeometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Explicit pads at the start of each spatial axis (auto_pad resolved); undefined when a SAME pad needs an unknown size. */
  padsBegin: number[] | undefined;
  padsEnd: number[] | undefined;
  /** Output spatial sizes. */
  outputDims: Dim[];
}

export function effectiveKernel(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/** Reads strides, dilations, pads and auto_pad of a Conv or pool node over the given input spatial sizes. */
export function windowGeometry(node: Node, spatial: readonly Dim[], kernel: readonly number[], fail: (message: string) => never): WindowGeometry {
  const rank = spatial.length;
  if (kernel.length !== rank) fail(`kernel has ${kernel.length} spatial dims but the input has ${rank}`);
  const strides = getInts(node, 'strides') ?? kernel.map(() => 1);
  const dilations = getInts(node, 'dilations') ?? kernel.map(() => 1);
  const pads = getInts(node, 'pads') ?? kernel.flatMap(() => [0, 0]);
  if (strides.length !== rank || dilations.length !== rank || pads.length !== 2 * rank) fail('strides, dilations and pads must match the kernel rank');
  const autoPad = getString(node, 'auto_pad', 'NOTSET');
  const ceilMode = getInt(node, 'ceil_mode', 0) === 1;
  if (!['NOTSET', 'VALID', 'SAME_UPPER', 'SAME_LOWER'].includes(autoPad)) fail(`auto_pad '${autoPad}' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER`);
  const padsBegin: number[] = [];
  const padsEnd: number[] = [];
  const outputDims: Dim[] = [];
  let padsKnown = true;
  for (let i = 0; i < rank; i++) {
    const size = spatial[i]!;
    const k = effectiveKernel(kernel[i]!, dilations[i]!);
    const s = strides[i]!;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      if (typeof size !== 'number') {
        padsKnown = false;
        outputDims.push(UNKNOWN_DIM);
        continue;
      }
      const out = Math.ceil(size / s);
      const total = Math.max(0, (out - 1) * s + k - size);
      const small = Math.floor(total / 2);
      padsBegin.push(autoPad === 'SAME_UPPER' ? small : total - small);
      padsEnd.push(autoPad === 'SAME_UPPER' ? total - small : small);
      outputDims.push(out);
      continue;
    }
    const begin = autoPad === 'VALID' ? 0 : pads[i]!;
    const end = autoPad === 'VALID' ? 0 : pads[i + rank]!;
    padsBegin.push(begin);
    padsEnd.push(end);
    if (typeof size !== 'number') {
      outputDims.push(UNKNOWN_DIM);
      continue;
    }
    const span = size + begin + end - k;
    if (span < 0) fail(`the window (${k}) is larger than the padded input (${size + begin + end})`);
    let out = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    // As ONNX Runtime and PyTorch: the last window must start inside the input or its leading pad.
    if (ceilMode && (out - 1) * s >= size + begin) out -= 1;
    outputDims.push(out);
  }
  return { kernel: [...kernel], strides, dilations, padsBegin: padsKnown ? padsBegin : undefined, padsEnd: padsKnown ? padsEnd : undefined, outputDims };
}

/**
 * Pads and output_padding of a ConvTranspose that maps `outputSize` window
 * positions back onto an input of `inputSize`: the transposed output is cropped
 * at the end (extra end pad) or extended (output_padding) to exactly inputSize.
 */
export function transposedEndPadding(inputSize: number, outputSize: number, kernel: number, stride: number, dilation: number, padBegin: number): { padEnd: number; outputPadding: number } {
  const covered = stride * (outputSize - 1) + effectiveKernel(kernel, dilation) - padBegin;
  return covered >= inputSize ? { padEnd: covered - inputSize, outputPadding: 0 } : { padEnd: 0, outputPadding: inputSize - covered };
}

/** Every multi-index of the kernel, row-major. */
export function kernelOffsets(kernel: readonly number[]): number[][] {
  return kernel.reduce<number[][]>((acc, k) => acc.flatMap((prefix) => Array.from({ length: k }, (_, i) => [...prefix, i])), [[]]);
}

export interface PlanarWindows {
  /** X's height and width. */
  input: readonly [number, number];
  /** The output's height and width. */
  output: readonly [number, number];
  kernel: readonly [number, number];
  strides: readonly [number, number];
  dilations: readonly [number, number];
  /** Top and left pads. */
  padsBegin: readonly [number, number];
}

/**
 * The 0/1 matrix [P·K, H·W], row-major, with a 1 at row p · K + k, column h · W + w where output
 * position p meets X position (h, w) with kernel position k (both row-major), and a row of zeros
 * where that is padding. A few-position Conv gathers its patches with X · Sᵀ and adds their
 * gradients back onto X with dPatches · S.
 */
export function patchMatrix(windows: PlanarWindows): number[] {
  const { input, output, kernel, strides, dilations, padsBegin } = windows;
  const inputPositions = input[0] * input[1];
  const offsets = kernelOffsets(kernel);
  const matrix = new Array<number>(output[0] * output[1] * offsets.length * inputPositions).fill(0);
  let row = 0;
  for (let oh = 0; oh < output[0]; oh += 1) {
    for (let ow = 0; ow < output[1]; ow += 1) {
      for (const [kh, kw] of offsets) {
        const h = oh * strides[0] + kh! * dilations[0] - padsBegin[0];
        const w = ow * strides[1] + kw! * dilations[1] - padsBegin[1];
        if (h >= 0 && h < input[0] && w >= 0 && w < input[1]) matrix[row * inputPositions + h * input[1] + w] = 1;
        row += 1;
      }
    }
  }
  return matrix;
}

/** Whether a row-major matrix is the size × size identity (a 1×1 kernel of stride 1 without pads). */
export function isIdentityMatrix(matrix: readonly number[], size: number): boolean {
  return matrix.length === size * size && matrix.every((value, i) => value === (i % size === Math.floor(i / size) ? 1 : 0));
}
