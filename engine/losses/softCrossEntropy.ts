/**
 * Cross-entropy against the teacher's softened distribution:
 *   −mean_n Σ_c softmax(z_t / T) · log softmax(z_s / T).
 * It differs from KL only by the teacher's entropy, a constant for the student.
 */
import { attr, type GraphBuilder } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import { meanOverAll } from './crossEntropy.ts';

export function softCrossEntropy(builder: GraphBuilder, studentLogits: string, teacherLogits: string, temperature: number, dataType: DataType = DataType.FLOAT): string {
  const inverseT = builder.floatConstant('inverse_temperature', [1 / temperature], [], dataType);
  const studentLog = builder.op('LogSoftmax', [builder.op('Mul', [studentLogits, inverseT])], { axis: attr.int(1) });
  const teacherProbabilities = builder.op('Softmax', [builder.op('Mul', [teacherLogits, inverseT])], { axis: attr.int(1) });
  const perExample = builder.op('ReduceSum', [builder.op('Mul', [teacherProbabilities, studentLog]), builder.int64Constant('class_axis', [1])], { keepdims: attr.int(0) });
  return builder.op('Neg', [meanOverAll(builder, perExample)]);
}
