/** Shapes of ops that make tensors from attributes or scalars: Constant, ConstantOfShape, Range. */
import { DataType, dataTypeInfo } from '../dataType.ts';
import { checkAllocation } from '../../util/allocationLimit.ts';
import type { AttributeValue, Dim, Tensor } from '../ir.ts';
import { constantInts, requiredInput, type ShapeContext, type ShapeFunction } from './shapeFunction.ts';
import { UNKNOWN_DIM, unknownDims } from './dims.ts';

/** The type and shape of a Constant node's value, whichever attribute holds it. */
export function constantValueInfo(attribute: [string, AttributeValue] | undefined, fail: (message: string) => never): { dataType: DataType; shape: number[] } {
  if (!attribute) return fail('a Constant needs one of value, value_float(s), value_int(s), value_string(s)');
  const [name, a] = attribute;
  switch (name) {
    case 'value':
      if (a.kind !== 'tensor') return fail('attribute value should be a tensor');
      return { dataType: a.value.dataType, shape: [...a.value.dims] };
    case 'value_float': return { dataType: DataType.FLOAT, shape: [] };
    case 'value_int': return { dataType: DataType.INT64, shape: [] };
    case 'value_string': return { dataType: DataType.STRING, shape: [] };
    case 'value_floats':
    case 'value_ints':
    case 'value_strings': {
      const values = a.value;
      if (!Array.isArray(values)) return fail(`attribute ${name} should be a list`);
      const dataType = name === 'value_floats' ? DataType.FLOAT : name === 'value_ints' ? DataType.INT64 : DataType.STRING;
      return { dataType, shape: [values.length] };
    }
    default: return fail(`Constant attribute '${name}' is not supported`);
  }
}

/** ConstantOfShape's fill value: its `value` tensor, or a float zero. */
export function fillValue(attributes: ReadonlyMap<string, AttributeValue>): Tensor | undefined {
  const a = attributes.get('value');
  return a?.kind === 'tensor' ? a.value : undefined;
}

function scalarOf(c: ShapeContext, index: number): number | undefined {
  const t = c.constant(index);
  return t && t.data.length === 1 ? Number(t.data[0]) : undefined;
}

export const constantShapes: Record<string, ShapeFunction> = {
  Constant: (c) => [constantValueInfo([...c.node.attributes].find(([name]) => name.startsWith('value')), c.fail)],
  ConstantOfShape: (c) => {
    const dataType = fillValue(c.node.attributes)?.dataType ?? DataType.FLOAT;
    const target = c.constant(0);
    if (target) {
      const shape = constantInts(target);
      if (shape.some((dim) => dim < 0)) c.fail(`ConstantOfShape cannot make a tensor of shape [${shape.join(', ')}]: a dimension is negative`);
      // Its output is allocated whole when the model runs: refuse one no machine could hold before ONNX Runtime tries.
      try {
        checkAllocation(shape.reduce((product, dim) => product * dim, 1), dataTypeInfo(dataType).bytesPerElement, `ConstantOfShape's output of shape [${shape.join(', ')}]`);
      } catch (error) {
        c.fail((error as Error).message);
      }
      return [{ dataType, shape }];
    }
    const length = requiredInput(c, 0).shape?.[0];
    return [typeof length === 'number' ? { dataType, shape: unknownDims(length) } : { dataType }];
  },
  Range: (c) => {
    const dataType = requiredInput(c, 0).dataType;
    const [start, limit, delta] = [scalarOf(c, 0), scalarOf(c, 1), scalarOf(c, 2)];
    if (start === undefined || limit === undefined || delta === undefined) return [{ dataType, shape: [UNKNOWN_DIM] as Dim[] }];
    if (delta === 0) c.fail('Range delta cannot be 0');
    return [{ dataType, shape: [Math.max(0, Math.ceil((limit - start) / delta))] }];
  },
};
