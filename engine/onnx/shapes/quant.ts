/** Shapes of the quantization ops: QuantizeLinear and DequantizeLinear keep the input's shape. */
import { DataType } from '../dataType.ts';
import { getInt } from '../builder.ts';
import { requiredInput, type ShapeFunction } from './shapeFunction.ts';

export const quantShapes: Record<string, ShapeFunction> = {
  // y = saturate(round(x / scale) + zero_point): the zero point's type, else output_dtype (opset 21), else uint8.
  // Opset 23's `precision` changes only the type the division is done in (default: the scale's).
  QuantizeLinear: (c) => {
    const input = requiredInput(c, 0);
    const zeroPoint = c.input(2);
    const requested = getInt(c.node, 'output_dtype', 0);
    const dataType = zeroPoint?.dataType ?? (requested !== 0 ? (requested as DataType) : DataType.UINT8);
    return [input.shape ? { dataType, shape: input.shape } : { dataType }];
  },
  // x = (y − zero_point) · scale: output_dtype (opset 23), else the scale's float type.
  DequantizeLinear: (c) => {
    const input = requiredInput(c, 0);
    const requested = getInt(c.node, 'output_dtype', 0);
    const dataType = requested !== 0 ? (requested as DataType) : requiredInput(c, 1).dataType;
    return [input.shape ? { dataType, shape: input.shape } : { dataType }];
  },
  // FakeQuantize (com.distq) is registered here by the fake-quant work.
};
