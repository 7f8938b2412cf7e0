/** Shapes of activations: all keep their input's type and shape. */
import { getInt } from '../builder.ts';
import { normalizeAxis, requiredInput, sameAsInput, type ShapeFunction } from './shapeFunction.ts';

/** Softmax and LogSoftmax (opset 13+: one `axis`, default −1), checked against the rank. */
const alongAxis: ShapeFunction = (c) => {
  const shape = requiredInput(c, 0).shape;
  if (shape) normalizeAxis(c, getInt(c.node, 'axis', -1), shape.length);
  return sameAsInput(0)(c);
};

export const activationShapes: Record<string, ShapeFunction> = {
  Relu: sameAsInput(0),
  LeakyRelu: sameAsInput(0),
  Sigmoid: sameAsInput(0),
  Tanh: sameAsInput(0),
  Clip: sameAsInput(0),
  Elu: sameAsInput(0),
  Softplus: sameAsInput(0),
  HardSigmoid: sameAsInput(0),
  Softmax: alongAxis,
  LogSoftmax: alongAxis,
};
