/** Mean squared error over all elements: mean((a − b)²). */
import { attr, type GraphBuilder } from '../onnx/builder.ts';
import { meanOverAll } from './crossEntropy.ts';

export function meanSquaredError(builder: GraphBuilder, a: string, b: string): string {
  const difference = builder.op('Sub', [a, b]);
  return meanOverAll(builder, builder.op('Mul', [difference, difference]));
}

/** Mean squared error of the softmax of logits against one-hot class labels (the Brier score over classes). */
export function meanSquaredErrorWithLabels(builder: GraphBuilder, logits: string, labels: string, classCount: number): string {
  const depth = builder.int64Constant('class_count', [classCount], []);
  const oneHot = builder.op('OneHot', [labels, depth, builder.floatConstant('one_hot_values', [0, 1], [2])], { axis: attr.int(-1) });
  return meanSquaredError(builder, builder.op('Softmax', [logits], { axis: attr.int(1) }), oneHot);
}
