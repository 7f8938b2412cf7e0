import * as assert from 'node:assert/strict';
import type { SeededRandom } from '../../../engine/util/random.ts';

/** Lengths around the 4-float vector and the 4,096-float scratch chunk of the SIMD kernels, and one spanning several chunks. */
export const AWKWARD_LENGTHS = [1, 3, 4, 5, 4095, 4096, 4097, 10_001];

/** Floats of every kind an update meets: zeros of both signs, subnormals, tiny, ordinary and large magnitudes. */
export function awkwardFloat(random: SeededRandom): number {
  switch (random.integer(8)) {
    case 0:
      return random.integer(2) === 0 ? 0 : -0;
    case 1:
      return random.normal() * 1e-40;
    case 2:
      return random.normal() * 1e-30;
    case 3:
      return random.normal() * 1e20;
    default:
      return random.normal() * 10 ** (random.next() * 10 - 8);
  }
}

export function awkwardArray(random: SeededRandom, length: number): Float32Array {
  return Float32Array.from({ length }, () => awkwardFloat(random));
}

/** The first index whose float32 bits differ, described, or undefined when all are equal. */
export function firstDifference(actual: Float32Array, expected: Float32Array): string | undefined {
  const actualBits = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const expectedBits = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < expectedBits.length; i++) {
    if (actualBits[i] !== expectedBits[i]) return `index ${i}: ${actual[i]} (0x${actualBits[i]!.toString(16)}) instead of ${expected[i]} (0x${expectedBits[i]!.toString(16)})`;
  }
  return undefined;
}

export function assertBitIdentical(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const difference = firstDifference(actual, expected);
  assert.equal(difference, undefined, `${what} differs at ${difference}`);
}
