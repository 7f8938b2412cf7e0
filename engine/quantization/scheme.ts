/**
 * Integer ranges and scale/zero-point arithmetic for fake and real quantization.
 * The ranges live in one table per integer type; bit widths below 8 use a
 * sub-range of the 8-bit types (they are stored as int8/uint8 at export).
 */
import { isSupportedBits, MAX_BITS, MIN_BITS } from '../../contracts/quantizationScheme.ts';

export interface QuantizationScheme {
  /** MIN_BITS to MAX_BITS (contracts/quantizationScheme.ts). */
  bits: number;
  /** Zero point fixed at 0 (signed) or at the middle of the range (unsigned). */
  symmetric: boolean;
  /** int8-style range when true, uint8-style when false. */
  signed: boolean;
  /** One scale per output channel (weights) instead of one per tensor. */
  perChannel: boolean;
}

/** The scheme training and export use for a config's weights: 8 bits narrowed to 7 with `reduceRange` (see distqConfig.ts). */
export function effectiveWeightScheme(weights: QuantizationScheme & { reduceRange: boolean }): QuantizationScheme {
  return { bits: weights.reduceRange && weights.bits === 8 ? 7 : weights.bits, symmetric: weights.symmetric, signed: weights.signed, perChannel: weights.perChannel };
}

/** The scheme training and export use for a config's activations. */
export function effectiveActivationScheme(activations: Omit<QuantizationScheme, 'perChannel'>): Omit<QuantizationScheme, 'perChannel'> {
  return { bits: activations.bits, symmetric: activations.symmetric, signed: activations.signed };
}

export interface IntegerRange {
  qmin: number;
  qmax: number;
}

/**
 * The integer range of a scheme. Signed symmetric ranges are narrow
 * ([−(2^(b−1) − 1), 2^(b−1) − 1], so that −x quantizes like x, as ONNX Runtime's
 * symmetric weight quantization does); all others use the full range.
 */
export function integerRange(scheme: Pick<QuantizationScheme, 'bits' | 'signed' | 'symmetric'>): IntegerRange {
  if (!isSupportedBits(scheme.bits)) throw new RangeError(`quantization bits must be an integer from ${MIN_BITS} to ${MAX_BITS}, not ${scheme.bits}`);
  const levels = 2 ** scheme.bits;
  if (scheme.signed) return scheme.symmetric ? { qmin: -(levels / 2 - 1), qmax: levels / 2 - 1 } : { qmin: -levels / 2, qmax: levels / 2 - 1 };
  return { qmin: 0, qmax: levels - 1 };
}

export interface ScaleZeroPoint {
  scale: number;
  /** An integer inside the scheme's range. */
  zeroPoint: number;
}

const MIN_SCALE = 1e-8;

/**
 * Scale and zero point that map [min, max] (widened to include 0, so that zero is
 * exactly representable) onto the integer range, as PyTorch's observers compute them.
 */
export function scaleAndZeroPoint(min: number, max: number, scheme: Pick<QuantizationScheme, 'bits' | 'signed' | 'symmetric'>): ScaleZeroPoint {
  const { qmin, qmax } = integerRange(scheme);
  const low = Math.min(min, 0);
  const high = Math.max(max, 0);
  if (scheme.symmetric) {
    const bound = Math.max(-low, high);
    const scale = Math.max(bound / ((qmax - qmin) / 2), MIN_SCALE);
    const zeroPoint = scheme.signed ? 0 : Math.round((qmin + qmax) / 2);
    return { scale: Math.fround(scale), zeroPoint };
  }
  const scale = Math.max((high - low) / (qmax - qmin), MIN_SCALE);
  const zeroPoint = Math.min(qmax, Math.max(qmin, qmin - Math.round(low / scale)));
  return { scale: Math.fround(scale), zeroPoint };
}

/** Round half to even, as QuantizeLinear and the fake-quant graph round. */
export function roundHalfToEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/** Quantize one value to the integer grid. */
export function quantizeValue(value: number, scale: number, zeroPoint: number, range: IntegerRange): number {
  return Math.min(range.qmax, Math.max(range.qmin, roundHalfToEven(Math.fround(value / scale)) + zeroPoint));
}

/** The largest float32 below a positive float32. */
function previousFloat32(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  view.setUint32(0, view.getUint32(0) - 1);
  return view.getFloat32(0);
}

/**
 * A scale no larger than `scale` whose quantized range ends at or below `upperBound`:
 * s · (qmax − z) ≤ M in float32, as ONNX Runtime checks before it removes a Clip(0, M) in
 * front of a QuantizeLinear. Observers of a Clip's output see at most M, so this moves the
 * scale by a few float32 steps at most.
 */
export function capScaleToUpperBound(scale: number, zeroPoint: number, qmax: number, upperBound: number): number {
  let capped = Math.fround(scale);
  while (capped > 0 && Math.fround(capped * (qmax - zeroPoint)) > upperBound) capped = previousFloat32(capped);
  return capped;
}

/** An activation's scale and zero point with the scale capped to its upper bound, when it has one. */
export function withinUpperBound(parameters: ScaleZeroPoint, activation: { qmax: number; upperBound?: number }): ScaleZeroPoint {
  if (activation.upperBound === undefined) return parameters;
  return { scale: capScaleToUpperBound(parameters.scale, parameters.zeroPoint, activation.qmax, activation.upperBound), zeroPoint: parameters.zeroPoint };
}
