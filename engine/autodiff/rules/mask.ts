/** Gradients that pass where a boolean condition holds and are zero elsewhere. */
import { attr } from '../../onnx/builder.ts';
import type { GradientContext } from '../gradientRule.ts';

/**
 * dX = dY · Cast(mask). Measured in onnxruntime-node 1.23 (float32, 6.4M elements, one
 * thread): Greater→Cast→Mul took 6.5 ms against 8.1 ms for Greater→Where(mask, dY, 0);
 * Mul is vectorised, Where is not. The gradient has the forward output's float type.
 */
export function passWhere(c: GradientContext, dY: string, mask: string): string {
  const floatType = c.dataTypeOf(c.output(0));
  return c.op('Mul', [dY, c.op('Cast', [mask], { to: attr.int(floatType) })]);
}
