/** Removes nodes whose outputs nothing reads, and initializers nothing reads. */
import type { Graph } from '../ir.ts';

/** Names read by nodes of subgraphs (If/Loop bodies may read outer tensors). */
function namesReadBySubgraphs(graph: Graph, into: Set<string>): void {
  for (const node of graph.nodes) {
    for (const attribute of node.attributes.values()) {
      if (attribute.kind !== 'graph') continue;
      for (const inner of attribute.value.nodes) for (const i of inner.inputs) into.add(i);
      namesReadBySubgraphs(attribute.value, into);
    }
  }
}

/** Returns how many nodes and initializers it removed. */
export function removeUnusedNodes(graph: Graph): number {
  const live = new Set(graph.outputs.map((o) => o.name));
  namesReadBySubgraphs(graph, live);
  const kept = [];
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node = graph.nodes[k]!;
    if (!node.outputs.some((o) => o !== '' && live.has(o))) continue;
    kept.push(node);
    for (const i of node.inputs) live.add(i);
  }
  kept.reverse();
  const removedNodes = graph.nodes.length - kept.length;
  graph.nodes = kept;
  const fed = new Set(graph.inputs.map((i) => i.name));
  let removedInitializers = 0;
  for (const name of [...graph.initializers.keys()]) {
    if (live.has(name) || fed.has(name)) continue;
    graph.initializers.delete(name);
    removedInitializers += 1;
  }
  const defined = new Set([...fed, ...graph.initializers.keys(), ...graph.nodes.flatMap((n) => n.outputs)]);
  for (const name of [...graph.valueInfos.keys()]) if (!defined.has(name)) graph.valueInfos.delete(name);
  return removedNodes + removedInitializers;
}
