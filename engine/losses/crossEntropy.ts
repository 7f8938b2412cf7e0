/** Cross-entropy of logits against integer class labels: −mean_n log softmax(z_n)[y_n]. */
import { attr, type GraphBuilder } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';

export function crossEntropyWithLabels(builder: GraphBuilder, logits: string, labels: string, classCount: number, dataType: DataType = DataType.FLOAT): string {
  const depth = builder.int64Constant('class_count', [classCount], []);
  const offOn = builder.floatConstant('one_hot_values', [0, 1], [2], dataType);
  const oneHot = builder.op('OneHot', [labels, depth, offOn], { axis: attr.int(-1) });
  const logProbabilities = builder.op('LogSoftmax', [logits], { axis: attr.int(1) });
  const picked = builder.op('ReduceSum', [builder.op('Mul', [oneHot, logProbabilities]), builder.int64Constant('class_axis', [1])], { keepdims: attr.int(0) });
  return builder.op('Neg', [meanOverAll(builder, picked)]);
}

/** Mean of every element (ReduceMean with no axes). */
export function meanOverAll(builder: GraphBuilder, tensor: string): string {
  return builder.op('ReduceMean', [tensor], { keepdims: attr.int(0) });
}
