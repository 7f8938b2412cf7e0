/** Shapes of elementwise ops: broadcasting arithmetic and comparisons, shape-preserving unaries. */
import { DataType } from '../dataType.ts';
import { broadcastShapes, requiredInput, sameAsInput, type InferredOutput, type ShapeContext, type ShapeFunction } from './shapeFunction.ts';

/** The broadcast shape of every present input, with the given output type. */
function broadcastOutput(c: ShapeContext, dataType: DataType): InferredOutput[] {
  const shapes = c.node.inputs.map((_, i) => c.input(i)?.shape);
  const shape = broadcastShapes(c, shapes);
  return [shape ? { dataType, shape } : { dataType }];
}

/** Arithmetic over broadcast inputs; the output has the first input's type. */
const broadcasting: ShapeFunction = (c) => broadcastOutput(c, requiredInput(c, 0).dataType);

/** Comparisons and logic over broadcast inputs produce booleans. */
const comparison: ShapeFunction = (c) => {
  requiredInput(c, 0);
  return broadcastOutput(c, DataType.BOOL);
};

/** Elementwise predicates (IsNaN, Not, …): the input's shape, as booleans. */
const predicate: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  return [input.shape ? { dataType: DataType.BOOL, shape: input.shape } : { dataType: DataType.BOOL }];
};

/** Where(condition, X, Y): all three broadcast; the output has X's type. */
const where: ShapeFunction = (c) => {
  requiredInput(c, 0);
  requiredInput(c, 2);
  return broadcastOutput(c, requiredInput(c, 1).dataType);
};

export const elementwiseShapes: Record<string, ShapeFunction> = {
  Add: broadcasting,
  Sub: broadcasting,
  Mul: broadcasting,
  Div: broadcasting,
  Pow: broadcasting,
  Sum: broadcasting,
  Min: broadcasting,
  Max: broadcasting,
  Neg: sameAsInput(0),
  Sqrt: sameAsInput(0),
  Exp: sameAsInput(0),
  Log: sameAsInput(0),
  Abs: sameAsInput(0),
  Reciprocal: sameAsInput(0),
  Round: sameAsInput(0),
  Floor: sameAsInput(0),
  Ceil: sameAsInput(0),
  Sign: sameAsInput(0),
  Equal: comparison,
  Less: comparison,
  Greater: comparison,
  LessOrEqual: comparison,
  GreaterOrEqual: comparison,
  And: comparison,
  Or: comparison,
  Not: predicate,
  IsNaN: predicate,
  IsInf: predicate,
  Where: where,
};
