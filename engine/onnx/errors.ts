/** Errors about models that name what is wrong and where. */
import type { Node } from './ir.ts';
import { supportedOpTypes } from './shapes/registry.ts';

export const MIN_OPSET = 13;
/** The oldest opset of a model file DistQ trains: 11 and 12 are upgraded to MIN_OPSET on load (passes/upgradeToOpset13.ts). */
export const OLDEST_READABLE_OPSET = 11;
export const MAX_OPSET = 21;

export class UnsupportedOpError extends Error {
  constructor(readonly node: Node, readonly opset: number, reason = 'is not supported') {
    super(`node '${node.name || node.outputs[0] || '?'}': op ${node.domain ? `${node.domain}.` : ''}${node.opType} (opset ${opset}) ${reason}. Supported ops: ${supportedOpTypes().join(', ')}`);
    this.name = 'UnsupportedOpError';
  }
}

export class UnsupportedOpsetError extends Error {
  constructor(readonly source: string, readonly opset: number, oldest = MIN_OPSET) {
    super(`${source}: opset ${opset} is not supported; DistQ reads opsets ${oldest} to ${MAX_OPSET}`);
    this.name = 'UnsupportedOpsetError';
  }
}
