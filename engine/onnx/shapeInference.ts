/** Infers the type and shape of every tensor of a graph, in node order. */
import { findShapeFunction } from './shapes/registry.ts';
import type { ShapeContext } from './shapes/shapeFunction.ts';
import type { Graph, Node, Tensor, ValueInfo } from './ir.ts';
import { UnsupportedOpError } from './errors.ts';

export interface ShapeTable {
  info(name: string): ValueInfo | undefined;
  constant(name: string): Tensor | undefined;
}

export function nodeLabel(node: Node): string {
  return `node '${node.name || node.outputs[0] || '?'}' (${node.domain ? `${node.domain}.` : ''}${node.opType})`;
}

/**
 * Returns every tensor's ValueInfo: graph inputs and initializers first, then
 * each node's outputs. Declared value infos of the graph are used where an op's
 * inference knows less (an unknown rank).
 */
export function inferShapes(graph: Graph, opset: number, constants: ReadonlyMap<string, Tensor> = graph.initializers): Map<string, ValueInfo> {
  const infos = new Map<string, ValueInfo>();
  for (const input of graph.inputs) infos.set(input.name, input);
  for (const tensor of graph.initializers.values()) infos.set(tensor.name, { name: tensor.name, dataType: tensor.dataType, shape: [...tensor.dims] });
  for (const node of graph.nodes) {
    const fn = findShapeFunction(node.domain, node.opType);
    if (!fn) throw new UnsupportedOpError(node, opset);
    const context: ShapeContext = {
      node,
      opset,
      input: (index) => {
        const name = node.inputs[index];
        if (name === undefined || name === '') return undefined;
        const info = infos.get(name);
        if (!info) throw new Error(`${nodeLabel(node)} reads '${name}', which no earlier node, input or initializer produces`);
        return info;
      },
      constant: (index) => {
        const name = node.inputs[index];
        return name ? constants.get(name) : undefined;
      },
      fail: (message) => {
        throw new Error(`${nodeLabel(node)}: ${message}`);
      },
    };
    const outputs = fn(context);
    node.outputs.forEach((name, i) => {
      if (name === '') return;
      const inferred = outputs[i];
      const declared = graph.valueInfos.get(name) ?? graph.outputs.find((o) => o.name === name);
      if (!inferred) {
        if (declared) infos.set(name, declared);
        return;
      }
      const shape = inferred.shape ?? declared?.shape;
      infos.set(name, shape ? { name, dataType: inferred.dataType, shape } : { name, dataType: inferred.dataType });
    });
  }
  return infos;
}
