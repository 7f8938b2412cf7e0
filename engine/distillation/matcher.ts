/**
 * Trainable matchers that bridge a student tensor to a teacher tensor that differs
 * in its feature dimension: a linear map for [N, D], a 1×1 convolution for feature
 * maps [N, C, H, W], a projection of the last axis for sequences [N, L, D]. They live
 * only in the training graph and are never exported.
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, makeTensor, type GraphBuilder } from '../onnx/builder.ts';
import type { Dim, Tensor } from '../onnx/ir.ts';
import { uniformFanIn } from '../models/initializers.ts';
import type { SeededRandom } from '../util/random.ts';
import { matcherFeatureAxis, matcherProblem, needsMatcher } from '../../contracts/matcherShapes.ts';

export class MatcherError extends Error {}

export interface Matcher {
  /** The student tensor mapped into the teacher's shape. */
  output: string;
  parameters: Tensor[];
}

/** Returns `student` itself when the shapes agree, else a matcher, else throws naming both shapes. */
export function matchTensor(builder: GraphBuilder, student: string, studentShape: readonly Dim[], teacherShape: readonly Dim[], label: string, random: SeededRandom): Matcher {
  const problem = matcherProblem(studentShape, teacherShape);
  if (problem) throw new MatcherError(`${label}: ${problem}`);
  if (!needsMatcher(studentShape, teacherShape)) return { output: student, parameters: [] };
  const rank = studentShape.length;
  const featureAxis = matcherFeatureAxis(rank);
  // matcherProblem has checked that both feature sizes are known numbers.
  const from = studentShape[featureAxis] as number;
  const to = teacherShape[featureAxis] as number;
  const prefix = builder.uniqueName(`matcher/${label.replace(/[^A-Za-z0-9_.]/g, '_')}`);
  const weight = rank === 3
    ? makeTensor(`${prefix}.weight`, DataType.FLOAT, [from, to], uniformFanIn(from * to, from, random))
    : makeTensor(`${prefix}.weight`, DataType.FLOAT, rank === 4 ? [to, from, 1, 1] : [to, from], uniformFanIn(from * to, from, random));
  const bias = makeTensor(`${prefix}.bias`, DataType.FLOAT, [to], uniformFanIn(to, from, random));
  builder.graph.initializers.set(weight.name, weight);
  builder.graph.initializers.set(bias.name, bias);
  let output: string;
  if (rank === 4) output = builder.op('Conv', [student, weight.name, bias.name], { kernel_shape: attr.ints([1, 1]) });
  else if (rank === 2) output = builder.op('Gemm', [student, weight.name, bias.name], { transB: attr.int(1) });
  else output = builder.op('Add', [builder.op('MatMul', [student, weight.name]), bias.name]);
  return { output, parameters: [weight, bias] };
}
