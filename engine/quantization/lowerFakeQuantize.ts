/**
 * Replaces each com.distq.FakeQuantize node by standard ONNX nodes:
 *   r = round(x / s);  c = clip(r, qmin − z, qmax − z);  y = c · s;  mask = (r = c)
 * which is (clip(round(x/s) + z, qmin, qmax) − z) · s with mask = (qmin ≤ round(x/s) + z ≤ qmax),
 * exactly: z is an integer, so moving it onto the bounds rounds nothing, and r equals its clipped
 * value exactly where it is inside them. Two passes over x fewer than adding and subtracting z,
 * and one comparison instead of two and an And. Round is half-to-even, as QuantizeLinear rounds.
 * Scale and zero point broadcast against x (per-channel ones arrive shaped [C, 1, 1, 1] or [C, 1]).
 */
import { attr, GraphBuilder, makeTensor } from '../onnx/builder.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { Graph, Model, Node } from '../onnx/ir.ts';
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
  const low = shiftedBound(builder, 'qmin', getInt(node, 'qmin', -128), zeroPoint);
  const high = shiftedBound(builder, 'qmax', getInt(node, 'qmax', 127), zeroPoint);
  const rounded = builder.op('Round', [builder.op('Div', [x, scale])]);
  // Clip takes scalar bounds only; a per-channel zero point needs Max and Min.
  const clipped = isScalar(builder.graph, zeroPoint) ? builder.op('Clip', [rounded, low, high]) : builder.op('Min', [builder.op('Max', [rounded, low]), high]);
  builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/dequantize`), opType: 'Mul', domain: '', inputs: [clipped, scale], outputs: [y!], attributes: new Map() });
  if (mask) builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/mask`), opType: 'Equal', domain: '', inputs: [rounded, clipped], outputs: [mask], attributes: new Map() });
}

/** bound − z: a constant when z is one (weights, biases), leaving ONNX Runtime no node to fold when it builds the session. */
function shiftedBound(builder: GraphBuilder, base: string, bound: number, zeroPoint: string): string {
  const constant = builder.graph.initializers.get(zeroPoint);
  if (!constant) return builder.op('Sub', [builder.floatConstant(base, [bound]), zeroPoint]);
  return builder.constant(base, makeTensor('', constant.dataType, [...constant.dims], Array.from(constant.data as ArrayLike<number>, (z) => bound - z)));
}

/** A constant or graph input holding one value: activations' fed zero points, symmetric weights' constant 0. */
function isScalar(graph: Graph, name: string): boolean {
  const constant = graph.initializers.get(name);
  if (constant) return constant.dims.length <= 1 && constant.dims.every((d) => d === 1);
  const shape = graph.inputs.find((input) => input.name === name)?.shape;
  return shape !== undefined && shape.length <= 1 && shape.every((d) => d === 1);
}

export const fakeQuantizeAttributes = (qmin: number, qmax: number) => ({ qmin: attr.int(qmin), qmax: attr.int(qmax) });
