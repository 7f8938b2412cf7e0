/** Shapes of normalizations: BatchNormalization in its inference form keeps X's shape. */
import { getInt } from '../builder.ts';
import { requiredInput, type ShapeFunction } from './shapeFunction.ts';

export const normalizationShapes: Record<string, ShapeFunction> = {
  BatchNormalization: (c) => {
    const x = requiredInput(c, 0);
    if (getInt(c.node, 'training_mode', 0) !== 0) return c.fail('only the inference form (training_mode = 0) is supported');
    if (c.node.outputs.filter((o) => o !== '').length > 1) return c.fail('the running mean and variance outputs exist only in training mode');
    return [x.shape ? { dataType: x.dataType, shape: x.shape } : { dataType: x.dataType }];
  },
};
