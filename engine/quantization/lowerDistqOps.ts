/** Replaces DistQ's own training ops by standard ONNX before a session is made. */
import type { Model } from '../onnx/ir.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import { lowerFakeQuantize } from './lowerFakeQuantize.ts';

export function lowerDistqOps(model: Model): void {
  for (const node of model.graph.nodes) {
    if (node.domain === DISTQ_OP_DOMAIN && node.opType === 'StopGradient') {
      node.domain = '';
      node.opType = 'Identity';
    }
  }
  lowerFakeQuantize(model);
}
