/**
 * Replaces each com.distq.FakeQuantize node by standard ONNX nodes:
 *   r = round(x / s);  c = clip(r, qmin − z, qmax − z);  y = c · s;  mask = (r = c)
 * which is (clip(round(x/s) + z, qmin, qmax) − z) · s with mask = (qmin ≤ round(x/s) + z ≤ qmax),
 * exactly: z is an integer, so moving it onto the bounds rounds nothing, and r equals its clipped
 * value exactly where it is inside them. Two passes over x fewer than adding and subtracting z,
 * and one comparison instead of two and an And. Round is half-to-even, as QuantizeLinear rounds.
 * Scale and zero point broadcast against x (per-channel ones arrive shaped [C, 1, 1, 1] or [C, 1]).
 *
 * A weight's fake quantization (no mask: its range covers every value, so nothing is clipped) with
 * a zero point of 0 and a range inside int8's is lowered instead to QuantizeLinear →
 * DequantizeLinear, per axis where it is per channel (the node's `axis`). The same numbers, but +0
 * for −0: QuantizeLinear divides by the scale and rounds half to even, its saturation at −128 and
 * 127 never acts on a range that covers the weights, and DequantizeLinear multiplies by the scale as
 * the Mul does. QuantizeLinear turns a NaN into −128, where Round keeps it, and ONNX Runtime's
 * ReduceMax, which the weight's scale comes from, skips a NaN that is not first; so the scale is
 * added 0 · Σ (a channel's) weights, NaN or ±∞ exactly where a weight is, and a diverged weight
 * still makes the loss NaN at once. A 512×512×3×3 filter, guard included: 9.1 → 5.6 ms at 1 thread,
 * 15.3 → 11.1 ms at 2 (ONNX Runtime's Round is one scalar loop).
 */
import { attr, GraphBuilder, makeTensor, type Attributes } from '../onnx/builder.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { Graph, Model, Node } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { getInt } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';

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
    lowerOne(builder, node, defaultOpset(model));
    lowered += 1;
  }
  model.opsetImports = model.opsetImports.filter((o) => o.domain !== DISTQ_OP_DOMAIN);
  return lowered;
}

function lowerOne(builder: GraphBuilder, node: Node, opset: number): void {
  const [x, scale, zeroPoint] = node.inputs as [string, string, string];
  const [y, mask] = node.outputs;
  if (!mask && opset <= LAST_INTEGER_OPSET && lowerToInteger(builder, node)) return;
  const low = shiftedBound(builder, 'qmin', getInt(node, 'qmin', -128), zeroPoint);
  const high = shiftedBound(builder, 'qmax', getInt(node, 'qmax', 127), zeroPoint);
  const rounded = builder.op('Round', [builder.op('Div', [x, scale])]);
  // Clip takes scalar bounds only; a per-channel zero point needs Max and Min.
  const clipped = isScalar(builder.graph, zeroPoint) ? builder.op('Clip', [rounded, low, high]) : builder.op('Min', [builder.op('Max', [rounded, low]), high]);
  builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/dequantize`), opType: 'Mul', domain: '', inputs: [clipped, scale], outputs: [y!], attributes: new Map() });
  if (mask) builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/mask`), opType: 'Equal', domain: '', inputs: [rounded, clipped], outputs: [mask], attributes: new Map() });
}

/** The newest opset whose QuantizeLinear ONNX Runtime 1.23 runs (version 21); QuantizeLinear-23 has no kernel. */
const LAST_INTEGER_OPSET = 22;

/** The per-channel axis of a weight's fake quantization; absent when it is per tensor. */
export const FAKE_QUANTIZE_AXIS_ATTRIBUTE = 'axis';

/** QuantizeLinear → DequantizeLinear for a mask-less node with z = 0 and an int8 range (above); false where it does not apply. */
function lowerToInteger(builder: GraphBuilder, node: Node): boolean {
  const [x, scale, zeroPoint] = node.inputs as [string, string, string];
  const graph = builder.graph;
  const qmin = getInt(node, 'qmin', -128);
  const qmax = getInt(node, 'qmax', 127);
  const zero = graph.initializers.get(zeroPoint);
  const zeroIsZero = zero !== undefined && Array.from(zero.data as ArrayLike<number>).every((z) => z === 0);
  const input = graph.inputs.find((i) => i.name === x) ?? graph.initializers.get(x);
  const dims = input && ('dims' in input ? input.dims : input.shape);
  if (qmin < -128 || qmax > 127 || !zeroIsZero || input?.dataType !== DataType.FLOAT || !dims) return false;
  const axis = node.attributes.has(FAKE_QUANTIZE_AXIS_ATTRIBUTE) ? getInt(node, FAKE_QUANTIZE_AXIS_ATTRIBUTE, 0) : undefined;
  const channels = axis === undefined ? 1 : dims[axis];
  if (typeof channels !== 'number') return false;
  // Per axis: a 1-D scale and zero point of the channel count; per tensor: scalars.
  const scaleShape = axis === undefined ? [] : [channels];
  const reduced = dims.map((_, i) => i).filter((i) => i !== axis);
  const weightSums = builder.op('ReduceSum', [x, builder.constant('reduced_axes', makeTensor('', DataType.INT64, [reduced.length], reduced))], { keepdims: attr.int(0) });
  const nanGuard = builder.op('Mul', [weightSums, builder.floatConstant('zero', [0])]);
  const flatScale = builder.op('Add', [builder.op('Reshape', [scale, builder.constant('scale_shape', makeTensor('', DataType.INT64, [scaleShape.length], scaleShape))]), nanGuard]);
  const zeros = builder.constant('zero_point', makeTensor('', DataType.INT8, scaleShape, new Array<number>(channels).fill(0)));
  const axisAttribute: Attributes = axis === undefined ? {} : { axis: attr.int(axis) };
  const quantized = builder.op('QuantizeLinear', [x, flatScale, zeros], axisAttribute);
  builder.graph.nodes.push({ name: builder.uniqueName(`${node.name}/dequantize`), opType: 'DequantizeLinear', domain: '', inputs: [quantized, flatScale, zeros], outputs: [node.outputs[0]!], attributes: new Map(Object.entries(axisAttribute)) });
  return true;
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
