/**
 * Shapes of normalizations: BatchNormalization in its inference form and LayerNormalization keep
 * X's shape; LayerNormalization's Mean and InvStdDev keep the leading axes and have stash_type's type.
 */
import { getInt } from '../builder.ts';
import { DataType } from '../dataType.ts';
import { normalizeAxis, requiredInput, type InferredOutput, type ShapeFunction } from './shapeFunction.ts';

export const normalizationShapes: Record<string, ShapeFunction> = {
  BatchNormalization: (c) => {
    const x = requiredInput(c, 0);
    if (getInt(c.node, 'training_mode', 0) !== 0) return c.fail('only the inference form (training_mode = 0) is supported');
    if (c.node.outputs.filter((o) => o !== '').length > 1) return c.fail('the running mean and variance outputs exist only in training mode');
    return [x.shape ? { dataType: x.dataType, shape: x.shape } : { dataType: x.dataType }];
  },
  LayerNormalization: (c) => {
    if (c.opset < 17) return c.fail('LayerNormalization is in the default ONNX domain from opset 17');
    const x = requiredInput(c, 0);
    const y: InferredOutput = x.shape ? { dataType: x.dataType, shape: x.shape } : { dataType: x.dataType };
    // stash_type is the type the statistics are computed and returned in (1 = float).
    const statisticsType = getInt(c.node, 'stash_type', DataType.FLOAT) as DataType;
    let statisticsShape: InferredOutput['shape'];
    if (x.shape) {
      const axis = normalizeAxis(c, getInt(c.node, 'axis', -1), x.shape.length);
      statisticsShape = x.shape.map((d, i) => (i < axis ? d : 1));
    }
    const statistics: InferredOutput = statisticsShape ? { dataType: statisticsType, shape: statisticsShape } : { dataType: statisticsType };
    return [y, statistics, statistics];
  },
};
