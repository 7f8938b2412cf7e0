/** Pieces shared by the gradient rules: shapes, zeros, small constants. */
import { attr, makeTensor } from '../../onnx/builder.ts';
import { DataType } from '../../onnx/dataType.ts';
import type { GradientContext } from '../gradientRule.ts';
import { isStatic } from '../../onnx/shapes/dims.ts';

/** The shape of a forward tensor as an int64 vector: a constant when static, else Shape(name). */
export function shapeTensorOf(c: GradientContext, name: string): string {
  const shape = c.shapeOf(name);
  return shape && isStatic(shape) ? c.ints(shape) : c.op('Shape', [name]);
}

/**
 * dX = reshape(dY, shape(X)). Where only X's batch is symbolic the target is [−1, …the rest], a
 * constant, so shape inference still knows dX's other dims (a lowering pass reads them).
 */
export function reshapeLike(c: GradientContext, gradient: string, name: string): string {
  const rest = c.shapeOf(name)?.slice(1);
  const batchOnly = rest !== undefined && rest.length > 0 && rest.every((d): d is number => typeof d === 'number' && d > 0);
  return c.op('Reshape', [gradient, batchOnly && !isStatic(c.shapeOf(name)!) ? c.ints([-1, ...rest]) : shapeTensorOf(c, name)]);
}

/** A zero tensor shaped like a forward tensor, in its (float) type. */
export function zerosLike(c: GradientContext, name: string): string {
  return zerosOfShape(c, shapeTensorOf(c, name), c.dataTypeOf(name));
}

export function zerosOfShape(c: GradientContext, shape: string, dataType: DataType): string {
  return c.op('ConstantOfShape', [shape], { value: attr.tensor(scalarTensor(dataType, 0, [1])) });
}

/** A one-element tensor of a type; the builder's `scalar` only makes floats. */
export function scalarTensor(dataType: DataType, value: number, dims: number[] = []): ReturnType<typeof makeTensor> {
  const values = dataType === DataType.INT64 || dataType === DataType.UINT64 ? [BigInt(value)] : [value];
  return makeTensor('', dataType, dims, values as number[] | bigint[]);
}

/** A constant of `like`'s float type and the given shape, built from int64 values (ONNX Runtime folds it at load). */
export function floatConstant(c: GradientContext, values: number[], shape: number[], like: string): string {
  return c.op('Cast', [c.op('Reshape', [c.ints(values), c.ints(shape)])], { to: attr.int(c.dataTypeOf(like)) });
}

/** A scalar int64 constant (Range and friends take scalars, `ints` makes vectors). */
export function int64Scalar(c: GradientContext, value: number): string {
  return c.op('Constant', [], { value: attr.tensor(scalarTensor(DataType.INT64, value)) });
}

export function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => {
    inverse[p] = i;
  });
  return inverse;
}
