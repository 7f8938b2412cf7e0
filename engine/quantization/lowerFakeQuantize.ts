/**
 * Replaces each com.distq.FakeQuantize node by standard ONNX nodes:
 *   q = round(x / s) + z;  mask = (q ≥ qmin) ∧ (q ≤ qmax);  y = (clip(q, qmin, qmax) − z) · s
 * Round is half-to-even, as QuantizeLinear rounds. Scale and zero point broadcast
 * against x (per-channel scales arrive shaped [C, 1, 1, 1] or [C, 1]).
 */
import { attr, GraphBuilder } from '../onnx/builder.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { Model, Node } from '../onnx/ir.ts';
import { getInt } from '../onnx/builder.ts';

export function lowerFakeQuantize(model: Model): number {
  const graph = model.graph;
  const original = graph.nodes;
  graph.nodes = [];
  const builder = new GraphBuilder(graph, 'fq');
  let lowered = 0;
  for (const node of original) {
    if (node.domain !== DISTQ_OP_DOMAIN || node.opType !== 'FakeQuantize') {
      graph.nodes.push(node);
      continue;
    }
    lowerOne(builder, node);
    lowered += 1;
  }
  model.opsetImports = model.opsetImports.filter((o) => o.domain !== DISTQ_OP_DOMAIN);
  return lowered;
}

function lowerOne(builder: GraphBuilder, node: Node): void {
  const [x, scale, zeroPoint] = node.inputs as [string, string, string];
  const [y, mask] = node.outputs;
  const qmin = getInt(node, 'qmin', -128);
  const qmax = getInt(node, 'qmax', 127);
  const low = builder.floatConstant('qmin', [qmin]);
  const high = builder.floatConstant('qmax', [qmax]);
  const q = builder.op('Add', [builder.op('Round', [builder.op('Div', [x, scale])]), zeroPoint]);
  const clipped = builder.op('Clip', [q, low, high]);
  builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/dequantize`), opType: 'Mul', domain: '', inputs: [builder.op('Sub', [clipped, zeroPoint]), scale], outputs: [y!], attributes: new Map() });
  if (mask) {
    builder.graph.nodes.push({
      name: builder.uniqueName(`${node.name}/mask`),
      opType: 'And',
      domain: '',
      inputs: [builder.op('GreaterOrEqual', [q, low]), builder.op('LessOrEqual', [q, high])],
      outputs: [mask],
      attributes: new Map(),
    });
  }
}

export const fakeQuantizeAttributes = (qmin: number, qmax: number) => ({ qmin: attr.int(qmin), qmax: attr.int(qmax) });
