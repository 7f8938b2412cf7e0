/** Shapes of activations (and Erf, which Gelu is made of): all keep their input's type and shape. */
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
  HardSwish: sameAsInput(0),
  Erf: sameAsInput(0),
  Gelu: (c) => (c.opset >= 20 ? sameAsInput(0)(c) : c.fail('Gelu is in the default ONNX domain from opset 20')),
  Softmax: alongAxis,
  LogSoftmax: alongAxis,
};
