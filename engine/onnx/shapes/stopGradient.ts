/** com.distq.StopGradient(x) → x: the value passes, the gradient does not (a teacher inside the student graph). Lowered to Identity. */
import { sameAsInput, type ShapeFunction } from './shapeFunction.ts';

export const stopGradientShape: ShapeFunction = sameAsInput(0);
