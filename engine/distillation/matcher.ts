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

export class MatcherError extends Error {}

export interface Matcher {
  /** The student tensor mapped into the teacher's shape. */
  output: string;
  parameters: Tensor[];
}

function describeShape(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** Returns `student` itself when the shapes agree, else a matcher, else throws naming both shapes. */
export function matchTensor(builder: GraphBuilder, student: string, studentShape: readonly Dim[], teacherShape: readonly Dim[], label: string, random: SeededRandom): Matcher {
  if (studentShape.length !== teacherShape.length) {
    throw new MatcherError(`${label}: the student tensor ${describeShape(studentShape)} and the teacher tensor ${describeShape(teacherShape)} have different ranks; no matcher can bridge them`);
  }
  const differing = studentShape.map((d, i) => (d === teacherShape[i] ? -1 : i)).filter((i) => i >= 0);
  if (differing.length === 0) return { output: student, parameters: [] };
  const rank = studentShape.length;
  const featureAxis = rank === 3 ? 2 : 1;
  const from = studentShape[featureAxis];
  const to = teacherShape[featureAxis];
  if (differing.length !== 1 || differing[0] !== featureAxis || typeof from !== 'number' || typeof to !== 'number' || ![2, 3, 4].includes(rank)) {
    throw new MatcherError(`${label}: the student tensor ${describeShape(studentShape)} and the teacher tensor ${describeShape(teacherShape)} differ in ${differing.length === 1 ? `dimension ${differing[0]}` : `${differing.length} dimensions`}; a matcher bridges only the feature dimension (${rank === 3 ? 'the last' : 'dimension 1'})`);
  }
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
