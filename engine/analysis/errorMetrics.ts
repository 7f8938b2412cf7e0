/**
 * Error metrics between a float tensor x and its quantized counterpart y, over all
 * elements of all batches, computed in float64.
 */
import type { TensorErrorMetrics, ValueHistogram } from '../../contracts/layerErrorReport.ts';

/** numpy.finfo(float).eps, the floor ONNX Runtime's qdq_loss_debug puts under both norms. */
export const SQNR_EPSILON = 2.220446049250313e-16;

export type Values = Float32Array | Float64Array;

function asList(values: Values | readonly Values[]): readonly Values[] {
  return ArrayBuffer.isView(values) ? [values as Values] : (values as readonly Values[]);
}

export function errorMetrics(x: Values | readonly Values[], y: Values | readonly Values[]): TensorErrorMetrics {
  const xs = asList(x);
  const ys = asList(y);
  if (xs.length !== ys.length) throw new RangeError(`cannot compare ${xs.length} tensors with ${ys.length}`);
  let xx = 0;
  let yy = 0;
  let xy = 0;
  let dd = 0;
  let maxAbsError = 0;
  let count = 0;
  xs.forEach((a, k) => {
    const b = ys[k]!;
    if (a.length !== b.length) throw new RangeError(`tensor ${k}: ${a.length} values against ${b.length}`);
    for (let i = 0; i < a.length; i++) {
      const u = a[i]!;
      const v = b[i]!;
      const d = u - v;
      xx += u * u;
      yy += v * v;
      xy += u * v;
      dd += d * d;
      const magnitude = Math.abs(d);
      if (magnitude > maxAbsError) maxAbsError = magnitude;
    }
    count += a.length;
  });
  const signalNorm = Math.max(Math.sqrt(xx), SQNR_EPSILON);
  const noiseNorm = Math.max(Math.sqrt(dd), SQNR_EPSILON);
  const cosineSimilarity = xx === 0 && yy === 0 ? 1 : xx === 0 || yy === 0 ? 0 : xy / (Math.sqrt(xx) * Math.sqrt(yy));
  return { sqnrDb: 20 * Math.log10(signalNorm / noiseNorm), mse: count === 0 ? 0 : dd / count, cosineSimilarity, maxAbsError, count };
}

/** Histograms of x and y over the same edges, spanning both series' range. */
export function valueHistograms(x: Values | readonly Values[], y: Values | readonly Values[], bins: number): ValueHistogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram bins must be a positive integer, not ${bins}`);
  const xs = asList(x);
  const ys = asList(y);
  let low = Infinity;
  let high = -Infinity;
  for (const list of [xs, ys]) {
    for (const a of list) {
      for (let i = 0; i < a.length; i++) {
        const v = a[i]!;
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
  }
  if (low === Infinity) {
    low = 0;
    high = 0;
  }
  // A constant tensor still gets a bin of non-zero width, as numpy.histogram does.
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + i * width));
  const count = (list: readonly Values[]): number[] => {
    const counts = new Array<number>(bins).fill(0);
    for (const a of list) {
      for (let i = 0; i < a.length; i++) {
        const bin = Math.min(bins - 1, Math.floor((a[i]! - low) / width));
        counts[bin]! += 1;
      }
    }
    return counts;
  };
  return { edges, float: count(xs), dequantized: count(ys) };
}

/** DQ(Q(x)) per tensor: (clip(round_half_even(x / s) + z, qmin, qmax) − z) · s, in float32 as ONNX Runtime computes it. */
export function fakeQuantizeValues(x: Float32Array, scale: number, zeroPoint: number, qmin: number, qmax: number): Float32Array {
  const s = Math.fround(scale);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const scaled = Math.fround(x[i]! / s);
    let q = Math.round(scaled);
    if (Math.abs(scaled % 1) === 0.5 && q % 2 !== 0) q -= 1;
    out[i] = (Math.min(qmax, Math.max(qmin, q + zeroPoint)) - zeroPoint) * s;
  }
  return out;
}
