/** The largest |a − b| and the largest |a|, in one pass (spreading a large array into Math.max overflows the stack). */
export function largestDifference(a: Float32Array, b: Float32Array): { worst: number; scale: number } {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  return { worst, scale };
}
