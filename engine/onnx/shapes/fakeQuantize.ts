/**
 * com.distq.FakeQuantize(x, scale, zeroPoint) → (y, mask): quantize then dequantize,
 * y = (clip(round(x / s) + z, qmin, qmax) − z) · s, with `mask` = whether x fell inside
 * the clipping range (kept for the straight-through gradient). Lowered to standard
 * ONNX before a session is made (quantization/lowerFakeQuantize.ts).
 */
import { DataType } from '../dataType.ts';
import { requiredInput, type ShapeFunction } from './shapeFunction.ts';

export const fakeQuantizeShape: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  return [
    input.shape ? { dataType: input.dataType, shape: input.shape } : { dataType: input.dataType },
    input.shape ? { dataType: DataType.BOOL, shape: input.shape } : { dataType: DataType.BOOL },
  ];
};
