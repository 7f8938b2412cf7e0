/** Weight initialisation as PyTorch's default for Linear and Conv2d (uniform ±1/√fan_in), seeded. */
import type { SeededRandom } from '../util/random.ts';

export function uniformFanIn(count: number, fanIn: number, random: SeededRandom): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (random.next() * 2 - 1) * bound;
  return values;
}
