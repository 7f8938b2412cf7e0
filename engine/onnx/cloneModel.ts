/** Structural copies of models: node lists, maps and attributes are new; tensor data is shared. */
import type { Graph, Model, Node } from './ir.ts';

export function cloneNode(node: Node): Node {
  return { ...node, inputs: [...node.inputs], outputs: [...node.outputs], attributes: new Map(node.attributes) };
}

export function cloneGraph(graph: Graph): Graph {
  return {
    name: graph.name,
    nodes: graph.nodes.map(cloneNode),
    initializers: new Map(graph.initializers),
    inputs: graph.inputs.map((i) => ({ ...i, shape: i.shape ? [...i.shape] : undefined })),
    outputs: graph.outputs.map((o) => ({ ...o, shape: o.shape ? [...o.shape] : undefined })),
    valueInfos: new Map(graph.valueInfos),
  };
}

export function cloneModel(model: Model): Model {
  return { ...model, opsetImports: model.opsetImports.map((o) => ({ ...o })), graph: cloneGraph(model.graph), metadata: new Map(model.metadata) };
}

/** A copy whose initializer data is copied too, so the original's weights stay untouched. */
export function cloneModelWithData(model: Model): Model {
  const copy = cloneModel(model);
  for (const [name, tensor] of copy.graph.initializers) {
    copy.graph.initializers.set(name, { ...tensor, dims: [...tensor.dims], data: tensor.data.slice() });
  }
  return copy;
}
