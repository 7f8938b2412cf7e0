/** Errors about models that name what is wrong and where. */
import type { Node } from './ir.ts';
import { supportedOpTypes } from './shapes/registry.ts';

export const MIN_OPSET = 13;
export const MAX_OPSET = 21;

export class UnsupportedOpError extends Error {
  constructor(readonly node: Node, readonly opset: number, reason = 'is not supported') {
    super(`node '${node.name || node.outputs[0] || '?'}': op ${node.domain ? `${node.domain}.` : ''}${node.opType} (opset ${opset}) ${reason}. Supported ops: ${supportedOpTypes().join(', ')}`);
    this.name = 'UnsupportedOpError';
  }
}

export class UnsupportedOpsetError extends Error {
  constructor(readonly source: string, readonly opset: number) {
    super(`${source}: opset ${opset} is not supported; DistQ reads opsets ${MIN_OPSET} to ${MAX_OPSET}`);
    this.name = 'UnsupportedOpsetError';
  }
}
