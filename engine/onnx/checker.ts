/**
 * Checks a model before any session is made from it: every tensor is defined
 * once and before use, every op is known in its opset, outputs exist.
 */
import type { Model } from './ir.ts';
import { defaultOpset } from './ir.ts';
import { findShapeFunction, DISTQ_OP_DOMAIN } from './shapes/registry.ts';
import { MAX_OPSET, MIN_OPSET, UnsupportedOpError, UnsupportedOpsetError } from './errors.ts';

export class ModelCheckError extends Error {}

export interface CheckOptions {
  /** Name used in messages (a file path, or a description). */
  source?: string;
  /** Allow DistQ's own ops (before lowering); sessions never get them. */
  allowDistqOps?: boolean;
}

export function checkModel(model: Model, options: CheckOptions = {}): void {
  const source = options.source ?? `model '${model.graph.name}'`;
  const opset = defaultOpset(model);
  if (opset < MIN_OPSET || opset > MAX_OPSET) throw new UnsupportedOpsetError(source, opset);
  const graph = model.graph;
  const defined = new Set<string>();
  const define = (name: string, what: string): void => {
    if (defined.has(name)) throw new ModelCheckError(`${source}: tensor '${name}' is defined twice (again by ${what})`);
    defined.add(name);
  };
  for (const input of graph.inputs) {
    if (!graph.initializers.has(input.name)) define(input.name, `graph input '${input.name}'`);
  }
  for (const name of graph.initializers.keys()) define(name, `initializer '${name}'`);
  const nodeNames = new Set<string>();
  for (const node of graph.nodes) {
    const label = `node '${node.name || node.outputs[0]}' (${node.opType})`;
    if (node.name) {
      if (nodeNames.has(node.name)) throw new ModelCheckError(`${source}: two nodes are named '${node.name}'`);
      nodeNames.add(node.name);
    }
    if (node.domain === DISTQ_OP_DOMAIN && !options.allowDistqOps) {
      throw new ModelCheckError(`${source}: ${label} is a DistQ training op that must be lowered before running`);
    }
    if (!findShapeFunction(node.domain, node.opType)) throw new UnsupportedOpError(node, opset);
    for (const input of node.inputs) {
      if (input !== '' && !defined.has(input)) {
        throw new ModelCheckError(`${source}: ${label} reads '${input}', which is not defined before it`);
      }
    }
    for (const output of node.outputs) if (output !== '') define(output, label);
  }
  for (const output of graph.outputs) {
    if (!defined.has(output.name)) throw new ModelCheckError(`${source}: graph output '${output.name}' is produced by no node`);
  }
}
