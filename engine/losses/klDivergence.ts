/**
 * Distillation KL divergence with temperature T, as in Hinton et al. and Intel
 * Neural Compressor's KnowledgeDistillationLoss:
 *   T² · mean_n Σ_c p_t · (log p_t − log softmax(z_s / T)),  p_t = softmax(z_t / T).
 * The T² keeps gradient magnitudes comparable across temperatures.
 */
import { attr, type GraphBuilder } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import { meanOverAll } from './crossEntropy.ts';

export function klDivergenceWithTemperature(builder: GraphBuilder, studentLogits: string, teacherLogits: string, temperature: number, dataType: DataType = DataType.FLOAT): string {
  const inverseT = builder.floatConstant('inverse_temperature', [1 / temperature], [], dataType);
  const studentLog = builder.op('LogSoftmax', [builder.op('Mul', [studentLogits, inverseT])], { axis: attr.int(1) });
  const teacherScaled = builder.op('Mul', [teacherLogits, inverseT]);
  const teacherLog = builder.op('LogSoftmax', [teacherScaled], { axis: attr.int(1) });
  const teacherProbabilities = builder.op('Exp', [teacherLog]);
  const perExample = builder.op('ReduceSum', [builder.op('Mul', [teacherProbabilities, builder.op('Sub', [teacherLog, studentLog])]), builder.int64Constant('class_axis', [1])], { keepdims: attr.int(0) });
  const scale = builder.floatConstant('temperature_squared', [temperature * temperature], [], dataType);
  return builder.op('Mul', [meanOverAll(builder, perExample), scale]);
}
