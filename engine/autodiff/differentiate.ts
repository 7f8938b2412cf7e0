/**
 * Reverse-mode differentiation of an ONNX graph into more ONNX nodes: walks the
 * forward nodes backwards, asks each op's rule for its input gradients, and sums
 * the contributions of tensors with several consumers.
 */
import { DataType, isFloatType } from '../onnx/dataType.ts';
import { GraphBuilder, makeTensor } from '../onnx/builder.ts';
import type { Graph, Node, Tensor, ValueInfo } from '../onnx/ir.ts';
import { inferShapes, nodeLabel } from '../onnx/shapeInference.ts';
import { UnsupportedOpError } from '../onnx/errors.ts';
import { findGradientRule } from './registry.ts';
import { NO_GRADIENT, type GradientContext } from './gradientRule.ts';
import { mergeMaskProducts } from './mergeMaskProducts.ts';

export interface DifferentiateOptions {
  /** A scalar tensor of the graph. */
  loss: string;
  /** Tensors (graph inputs or initializers) whose gradients are wanted. */
  parameters: readonly string[];
  opset: number;
  /** Tensors known to be constant (folded), beyond the initializers. */
  constants?: ReadonlyMap<string, Tensor>;
}

export interface GradientResult {
  /** Parameter name → name of its gradient tensor in the graph. */
  gradients: Map<string, string>;
  /** The value infos inferred for the forward graph. */
  shapes: Map<string, ValueInfo>;
}

export class GradientError extends Error {}

export function buildGradientGraph(graph: Graph, options: DifferentiateOptions): GradientResult {
  const constants = options.constants ?? graph.initializers;
  const shapes = inferShapes(graph, options.opset, constants);
  const forwardNodes = [...graph.nodes];
  const builder = new GraphBuilder(graph, 'grad');

  const isFloat = (name: string): boolean => {
    const info = shapes.get(name);
    return info !== undefined && isFloatType(info.dataType);
  };

  const requiresGrad = new Set<string>(options.parameters.filter((p) => {
    if (!shapes.has(p)) throw new GradientError(`parameter '${p}' is not a tensor of the graph`);
    return isFloat(p);
  }));
  for (const node of forwardNodes) {
    // Outputs of ops without a gradient (ReduceMax over weights for a scale, masks, shapes) carry none.
    if (findGradientRule(node.domain, node.opType) === NO_GRADIENT) continue;
    if (node.inputs.some((i) => i !== '' && requiresGrad.has(i))) {
      for (const o of node.outputs) if (o !== '' && isFloat(o)) requiresGrad.add(o);
    }
  }
  if (!requiresGrad.has(options.loss)) {
    throw new GradientError(`the loss '${options.loss}' does not depend on any trainable parameter`);
  }

  const contributions = new Map<string, string[]>();
  const addContribution = (name: string, gradient: string): void => {
    const list = contributions.get(name);
    if (list) list.push(gradient);
    else contributions.set(name, [gradient]);
  };
  const settled = new Map<string, string>();
  const gradientOf = (name: string): string | undefined => {
    const done = settled.get(name);
    if (done) return done;
    const list = contributions.get(name);
    if (!list || list.length === 0) return undefined;
    const total = list.length === 1 ? list[0]! : builder.op('Sum', list);
    settled.set(name, total);
    return total;
  };

  const lossInfo = shapes.get(options.loss)!;
  const seed = builder.constant('loss_seed', makeTensor('', lossInfo.dataType, [], lossInfo.dataType === DataType.DOUBLE ? new Float64Array([1]) : new Float32Array([1])));
  addContribution(options.loss, seed);

  for (let k = forwardNodes.length - 1; k >= 0; k--) {
    const node = forwardNodes[k]!;
    if (!node.outputs.some((o) => contributions.has(o))) continue;
    if (!node.inputs.some((i) => i !== '' && requiresGrad.has(i) && isFloat(i))) continue;
    const rule = findGradientRule(node.domain, node.opType);
    if (!rule) throw new UnsupportedOpError(node, options.opset, 'has no gradient rule, so it cannot be trained through');
    rule(makeContext(node));
  }

  const gradients = new Map<string, string>();
  for (const parameter of options.parameters) {
    const g = gradientOf(parameter);
    if (g) gradients.set(parameter, g);
  }
  mergeMaskProducts(graph, { firstNode: forwardNodes.length, isBoolean: (name) => shapes.get(name)?.dataType === DataType.BOOL, keep: new Set(gradients.values()) });
  return { gradients, shapes };

  function makeContext(node: Node): GradientContext {
    const context: GradientContext = {
      node,
      opset: options.opset,
      input: (index) => {
        const name = node.inputs[index];
        if (name === undefined || name === '') context.fail(`input ${index} is missing`);
        return name;
      },
      hasInput: (index) => (node.inputs[index] ?? '') !== '',
      output: (index) => {
        const name = node.outputs[index];
        if (name === undefined || name === '') context.fail(`output ${index} is missing`);
        return name;
      },
      gradOfOutput: (index) => {
        const name = node.outputs[index];
        return name ? gradientOf(name) : undefined;
      },
      needsGradOfInput: (index) => {
        const name = node.inputs[index];
        return name !== undefined && name !== '' && requiresGrad.has(name) && isFloat(name);
      },
      setGradOfInput: (index, gradient) => {
        const name = node.inputs[index];
        if (name === undefined || name === '') context.fail(`cannot set the gradient of missing input ${index}`);
        if (requiresGrad.has(name)) addContribution(name, gradient);
      },
      shapeOf: (name) => shapes.get(name)?.shape,
      dataTypeOf: (name) => {
        const info = shapes.get(name);
        if (!info) context.fail(`tensor '${name}' has no inferred type`);
        return info.dataType;
      },
      constantOf: (name) => constants.get(name),
      op: (opType, inputs, attributes = {}, domain = '') => builder.add(opType, inputs, attributes, 1, domain)[0]!,
      ops: (opType, inputs, outputCount, attributes = {}, domain = '') => builder.add(opType, inputs, attributes, outputCount, domain),
      scalar: (value, like) => {
        const dataType = context.dataTypeOf(like);
        return builder.constant('scalar', makeTensor('', dataType, [], dataType === DataType.DOUBLE ? new Float64Array([value]) : new Float32Array([value])));
      },
      ints: (values) => builder.int64Constant('ints', values),
      fail: (message) => {
        throw new GradientError(`${nodeLabel(node)}: ${message}`);
      },
    };
    return context;
  }
}
