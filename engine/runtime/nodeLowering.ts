/**
 * The frame both convolution lowerings (gemmConvolutions.ts, blockedConvolutions.ts) share: walk a
 * graph's nodes with its inferred shapes, and replace the nodes a lowering takes by the nodes it
 * emits, the last of which writes the replaced node's output. `model` itself is never changed.
 */
import { GraphBuilder, makeInt64Tensor, makeNode, type Attributes } from '../onnx/builder.ts';
import { defaultOpset, type Model, type Node, type ValueInfo } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';

/** What a lowering emits its replacement through; names are fresh in the graph and start with `prefix`. */
export interface LoweringEmitter {
  /** Adds one node and returns its output (the node and its output share a fresh name). */
  add(opType: string, inputs: string[], attributes?: Attributes, domain?: string): string;
  /** Adds the last node, which writes `output`, the replaced node's output. */
  finish(opType: string, inputs: string[], output: string, attributes?: Attributes, domain?: string): void;
  /** An int64 vector initializer (shapes, pads, axes). */
  ints(base: string, values: number[]): string;
}

/**
 * `plan(node, infos)` returns how to emit a node's replacement, or undefined to keep the node. The
 * result is `model` itself when nothing was lowered, else a copy with the new nodes and initializers.
 */
export function lowerNodes(model: Model, suffix: string, plan: (node: Node, infos: ReadonlyMap<string, ValueInfo>) => ((emit: LoweringEmitter) => void) | undefined): { model: Model; lowered: number } {
  const graph = model.graph;
  const infos = inferShapes(graph, defaultOpset(model));
  const initializers = new Map(graph.initializers);
  // Only its names: the new nodes go into a list of their own, so `model` stays as it is.
  const names = new GraphBuilder(graph, '');
  const nodes: Node[] = [];
  let lowered = 0;
  for (const node of graph.nodes) {
    const replace = plan(node, infos);
    if (!replace) {
      nodes.push(node);
      continue;
    }
    lowered += 1;
    const prefix = `${node.name || node.outputs[0]}/${suffix}`;
    replace({
      add: (opType, inputs, attributes = {}, domain = '') => {
        const name = names.uniqueName(`${prefix}/${opType}`);
        nodes.push(makeNode(opType, inputs, [name], name, attributes, domain));
        return name;
      },
      finish: (opType, inputs, output, attributes = {}, domain = '') => {
        nodes.push(makeNode(opType, inputs, [output], names.uniqueName(`${prefix}/${opType}`), attributes, domain));
      },
      ints: (base, values) => {
        const name = names.uniqueName(`${prefix}/${base}`);
        initializers.set(name, makeInt64Tensor(name, values));
        return name;
      },
    });
  }
  return lowered === 0 ? { model, lowered } : { model: { ...model, graph: { ...graph, nodes, initializers } }, lowered };
}
