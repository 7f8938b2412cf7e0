/** Mean squared error over all elements: mean((a − b)²). */
import type { GraphBuilder } from '../onnx/builder.ts';
import { meanOverAll } from './crossEntropy.ts';

export function meanSquaredError(builder: GraphBuilder, a: string, b: string): string {
  const difference = builder.op('Sub', [a, b]);
  return meanOverAll(builder, builder.op('Mul', [difference, difference]));
}
