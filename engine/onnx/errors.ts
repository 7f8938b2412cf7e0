/** Errors about models that name what is wrong and where. */
import type { Node } from './ir.ts';
import { supportedOpTypes } from './shapes/registry.ts';

export const MIN_OPSET = 13;
/** The oldest opset of a model file DistQ trains: 11 and 12 are upgraded to MIN_OPSET on load (passes/upgradeToOpset13.ts). */
export const OLDEST_READABLE_OPSET = 11;
/**
 * The newest opset DistQ reads: the newest that the installed onnxruntime-node (1.23) runs, since
 * DistQ's training and evaluation graphs run at the model's opset. Opsets 22 and 23 changed only
 * type constraints (bfloat16, float4e2m1) of the ops DistQ reads, and added DequantizeLinear's
 * `output_dtype` and QuantizeLinear's `precision`, whose defaults compute what opset 21 did; the
 * INT8 export is written at 21 (quantization/exportOpset.ts). test/unit/onnx/newestOpsets.test.ts
 * fails when onnxruntime-node runs a newer opset.
 */
export const MAX_OPSET = 23;

export class UnsupportedOpError extends Error {
  constructor(readonly node: Node, readonly opset: number, reason = 'is not supported') {
    super(`node '${node.name || node.outputs[0] || '?'}': op ${node.domain ? `${node.domain}.` : ''}${node.opType} (opset ${opset}) ${reason}. Supported ops: ${supportedOpTypes().join(', ')}`);
    this.name = 'UnsupportedOpError';
  }
}

export class UnsupportedOpsetError extends Error {
  constructor(readonly source: string, readonly opset: number, oldest = MIN_OPSET) {
    super(opset > MAX_OPSET
      ? `${source}: opset ${opset} is newer than onnxruntime-node runs; the newest opset DistQ supports is ${MAX_OPSET} (export the model at opset ${MAX_OPSET} or older)`
      : `${source}: opset ${opset} is not supported; DistQ reads opsets ${oldest} to ${MAX_OPSET}`);
    this.name = 'UnsupportedOpsetError';
  }
}
