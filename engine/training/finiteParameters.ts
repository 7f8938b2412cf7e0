/** Finds a parameter that stopped being finite, so a diverged model is reported instead of exported. */

/** "parameter 'fc1.weight' holds NaN at index 12" for the first non-finite value, or undefined when all are finite. */
export function firstNonFiniteParameter(names: readonly string[], values: readonly Float32Array[]): string | undefined {
  for (let p = 0; p < values.length; p++) {
    const data = values[p]!;
    for (let i = 0; i < data.length; i++) {
      // x - x is NaN exactly for NaN and ±Infinity; cheaper than Number.isFinite on a hot loop.
      if (data[i]! - data[i]! !== 0) return `parameter '${names[p] ?? `#${p}`}' holds ${data[i]} at index ${i}`;
    }
  }
  return undefined;
}
