/**
 * When a trainable matcher can bridge a student tensor to a teacher tensor. The engine
 * builds matchers by this rule and the editor's diagnostics check mappings by it.
 * Equal shapes need no matcher; otherwise the ranks must agree, the rank must be 2, 3
 * or 4, and only the feature dimension (axis 1 for [N, D] and [N, C, H, W], the last
 * axis for [N, L, D]) may differ, with both sizes known. The batch axis is not
 * compared: before training both models' batch axes are made symbolic, whatever the
 * files say.
 */

/** A tensor dimension: a size, or a symbolic name. */
export type Dim = number | string;

function describeShape(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** The axis a matcher maps: the last one of a sequence [N, L, D], else axis 1. */
export function matcherFeatureAxis(rank: number): number {
  return rank === 3 ? 2 : 1;
}

/** Whether the two shapes differ in anything but the batch axis, so a matcher is needed. */
export function needsMatcher(studentShape: readonly Dim[], teacherShape: readonly Dim[]): boolean {
  return studentShape.length !== teacherShape.length || studentShape.some((d, i) => i > 0 && d !== teacherShape[i]);
}

/**
 * Why no matcher bridges the two shapes, or undefined when one does (or none is needed).
 * `roles` names the two tensors in the message (self-distillation's are the shallow and deep ones).
 */
export function matcherProblem(studentShape: readonly Dim[], teacherShape: readonly Dim[], roles: readonly [string, string] = ['student', 'teacher']): string | undefined {
  const [from, to] = roles;
  if (studentShape.length !== teacherShape.length) {
    return `the ${from} tensor ${describeShape(studentShape)} and the ${to} tensor ${describeShape(teacherShape)} have different ranks; no matcher can bridge them`;
  }
  const differing = studentShape.map((d, i) => (i === 0 || d === teacherShape[i] ? -1 : i)).filter((i) => i >= 0);
  if (differing.length === 0) return undefined;
  const rank = studentShape.length;
  const featureAxis = matcherFeatureAxis(rank);
  const fromSize = studentShape[featureAxis];
  const toSize = teacherShape[featureAxis];
  if (differing.length !== 1 || differing[0] !== featureAxis || typeof fromSize !== 'number' || typeof toSize !== 'number' || ![2, 3, 4].includes(rank)) {
    const where = differing.length === 1 ? `dimension ${differing[0]}` : `${differing.length} dimensions`;
    return `the ${from} tensor ${describeShape(studentShape)} and the ${to} tensor ${describeShape(teacherShape)} differ in ${where}; a matcher bridges only the feature dimension (${rank === 3 ? 'the last' : 'dimension 1'})`;
  }
  return undefined;
}
