/**
 * LSQ (Esser et al., "Learned Step Size Quantization", ICLR 2020): the scale input of
 * com.distq.FakeQuantize gets a gradient (engine/autodiff/rules/quant.ts), multiplied by the
 * node's `lsqGradScale` attribute (1 when absent). The paper's choice,
 * g = 1/√(N·Qp) with N the number of elements the scale quantizes and Qp the top of the integer
 * range, keeps the scale's updates in proportion to the weights' updates.
 */
import { attr } from '../onnx/builder.ts';
import type { Node } from '../onnx/ir.ts';

export const LSQ_GRAD_SCALE_ATTRIBUTE = 'lsqGradScale';

/** g = 1/√(elementCount·qmax), LSQ's gradient scale for a step size shared by `elementCount` values. */
export function lsqGradientScale(elementCount: number, qmax: number): number {
  if (!Number.isInteger(elementCount) || elementCount < 1) throw new RangeError(`LSQ: element count ${elementCount} must be a positive integer`);
  if (!(qmax > 0)) throw new RangeError(`LSQ: qmax ${qmax} must be positive`);
  return 1 / Math.sqrt(elementCount * qmax);
}

/** Sets the gradient scale of a FakeQuantize node (the QAT rewrite calls this when learning scales). */
export function setLsqGradientScale(node: Node, gradScale: number): void {
  if (!(gradScale > 0) || !Number.isFinite(gradScale)) throw new RangeError(`LSQ: gradient scale ${gradScale} must be a positive number`);
  node.attributes.set(LSQ_GRAD_SCALE_ATTRIBUTE, attr.float(gradScale));
}
