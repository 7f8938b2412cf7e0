/**
 * Keeps the layers a config leaves in float (`quantization.exclude`, `"float"` in
 * `quantization.layers`) in float in ONNX Runtime. A float Conv or Gemm that reads a
 * DequantizeLinear output and feeds a QuantizeLinear is still fused by ONNX Runtime's CPU
 * provider, which quantizes the float weights itself (per tensor) and so departs from the
 * fake-quant model. A single-input Max (the identity) in front of each activation input hides
 * the DequantizeLinear from its fusion rules and changes no value.
 */
import { makeNode } from '../onnx/builder.ts';
import type { GraphBuilder } from '../onnx/builder.ts';
import type { Node } from '../onnx/ir.ts';

/** Puts a barrier in front of every activation input of the named nodes; returns the barriers with the node each goes before. */
export function floatLayerBarriers(builder: GraphBuilder, floatNodes: readonly string[]): Map<Node, Node[]> {
  const graph = builder.graph;
  const barriers = new Map<Node, Node[]>();
  const wanted = new Set(floatNodes);
  const graphInputs = new Set(graph.inputs.map((i) => i.name));
  for (const node of graph.nodes) {
    if (!wanted.has(node.name)) continue;
    node.inputs.forEach((input, index) => {
      if (!input || graph.initializers.has(input) || graphInputs.has(input)) return;
      const output = builder.uniqueName(`${input}_float_barrier`);
      barriers.set(node, [...(barriers.get(node) ?? []), makeNode('Max', [input], [output], builder.uniqueName(`${node.name}_float_barrier`))]);
      node.inputs[index] = output;
    });
  }
  return barriers;
}
