/** Shapes of elementwise ops: broadcasting binaries and shape-preserving unaries. */
import { broadcastShapes, requiredInput, sameAsInput, type ShapeFunction } from './shapeFunction.ts';

const broadcasting: ShapeFunction = (c) => {
  const first = requiredInput(c, 0);
  const shapes = c.node.inputs.map((_, i) => c.input(i)?.shape);
  const shape = broadcastShapes(c, shapes);
  return [shape ? { dataType: first.dataType, shape } : { dataType: first.dataType }];
};

export const elementwiseShapes: Record<string, ShapeFunction> = {
  Add: broadcasting,
  Sub: broadcasting,
  Mul: broadcasting,
  Div: broadcasting,
  Sum: broadcasting,
  Neg: sameAsInput(0),
};
