/**
 * Real integer weights for the QDQ export: symmetric, per output channel, zero point 0,
 * with the same scale the QAT graph computes (insertFakeQuant.ts, symmetric branch):
 *   s_c = max(max|W_c| / ((qmax − qmin) / 2), 1e-8)   (in float32),   q = clip(round_half_even(W / s_c), qmin, qmax).
 */
import type { Tensor } from '../onnx/ir.ts';
import { quantizeValue } from './scheme.ts';

export interface QuantizedWeightValues {
  /** Integers in [qmin, qmax], stored as int8 (narrower bit widths only use a sub-range). */
  values: Int8Array;
  /** One float32 scale per channel along `channelAxis`. */
  scales: Float32Array;
}

const MIN_SCALE = Math.fround(1e-8);

/** Index of the channel (along `axis`) that each flat element of a tensor of `dims` belongs to. */
export function channelOfElement(dims: readonly number[], axis: number): (flatIndex: number) => number {
  if (axis < 0 || axis >= dims.length) throw new RangeError(`channel axis ${axis} is outside a tensor of rank ${dims.length}`);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channels = dims[axis]!;
  return (flatIndex) => Math.floor(flatIndex / inner) % channels;
}

/** Per-channel symmetric scales, exactly as the fake-quant graph computes them. */
export function perChannelWeightScales(weight: Pick<Tensor, 'dims' | 'data'>, channelAxis: number, qmin: number, qmax: number): Float32Array {
  const channelOf = channelOfElement(weight.dims, channelAxis);
  const absMax = new Float32Array(weight.dims[channelAxis]!);
  const data = weight.data as Float32Array;
  for (let i = 0; i < data.length; i++) {
    const c = channelOf(i);
    const magnitude = Math.abs(data[i]!);
    if (magnitude > absMax[c]!) absMax[c] = magnitude;
  }
  const halfLevels = Math.fround((qmax - qmin) / 2);
  return absMax.map((m) => Math.max(Math.fround(m / halfLevels), MIN_SCALE));
}

export function quantizeWeightPerChannel(weight: Tensor, channelAxis: number, qmin: number, qmax: number): QuantizedWeightValues {
  if (!(weight.data instanceof Float32Array)) throw new Error(`weight '${weight.name}' is not float32`);
  if (qmin < -128 || qmax > 127) throw new RangeError(`weight '${weight.name}': range [${qmin}, ${qmax}] does not fit int8`);
  if (qmin !== -qmax) throw new RangeError(`weight '${weight.name}': range [${qmin}, ${qmax}] is not symmetric`);
  const scales = perChannelWeightScales(weight, channelAxis, qmin, qmax);
  const channelOf = channelOfElement(weight.dims, channelAxis);
  const range = { qmin, qmax };
  const values = new Int8Array(weight.data.length);
  for (let i = 0; i < values.length; i++) values[i] = quantizeValue(weight.data[i]!, scales[channelOf(i)]!, 0, range);
  return { values, scales };
}

/** W_deq = q · s_c, in float32, as DequantizeLinear computes it. */
export function dequantizeWeight(quantized: QuantizedWeightValues, dims: readonly number[], channelAxis: number): Float32Array {
  const channelOf = channelOfElement(dims, channelAxis);
  const out = new Float32Array(quantized.values.length);
  for (let i = 0; i < out.length; i++) out[i] = quantized.values[i]! * quantized.scales[channelOf(i)]!;
  return out;
}
