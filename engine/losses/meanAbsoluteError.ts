/** Mean absolute error over all elements (L1): mean|a − b|. */
import type { GraphBuilder } from '../onnx/builder.ts';
import { meanOverAll } from './crossEntropy.ts';

export function meanAbsoluteError(builder: GraphBuilder, a: string, b: string): string {
  return meanOverAll(builder, builder.op('Abs', [builder.op('Sub', [a, b])]));
}
