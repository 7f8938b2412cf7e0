/** Which initializers of a model are trainable weights, and writing trained values back. */
import { DataType } from '../onnx/dataType.ts';
import type { Model } from '../onnx/ir.ts';
import { cloneModel } from '../onnx/cloneModel.ts';

/** Inputs that hold weights, by op type (input indices). */
const WEIGHT_INPUTS: Record<string, number[]> = {
  Conv: [1, 2],
  ConvTranspose: [1, 2],
  Gemm: [0, 1, 2],
  MatMul: [0, 1],
  BatchNormalization: [1, 2],
  LayerNormalization: [1, 2],
  InstanceNormalization: [1, 2],
  Gather: [0],
  PRelu: [1],
};

/**
 * The float initializers that act as weights: operands of Conv, Gemm, MatMul,
 * normalization scales and biases, embeddings, the bias Add that exporters put
 * after a MatMul, and the scale (Mul) and bias (Add) after the Div that ends a
 * LayerNorm decomposed by exporters before opset 17. Scalars and constants of other
 * ops (epsilons, exponents) stay fixed.
 */
export function findTrainableParameters(model: Model): string[] {
  const graph = model.graph;
  const isFloatInitializer = (name: string): boolean => graph.initializers.get(name)?.dataType === DataType.FLOAT;
  const producers = new Map<string, string>();
  for (const node of graph.nodes) for (const o of node.outputs) producers.set(o, node.opType);
  const isVector = (name: string): boolean => isFloatInitializer(name) && graph.initializers.get(name)!.data.length > 1;
  /** Outputs of a decomposed LayerNorm's scale: Div output × vector initializer. */
  const normalizedAndScaled = new Set<string>();
  const found = new Set<string>();
  for (const node of graph.nodes) {
    const indices = WEIGHT_INPUTS[node.opType];
    if (indices) {
      for (const i of indices) {
        const name = node.inputs[i];
        if (name && isFloatInitializer(name) && graph.initializers.get(name)!.data.length > 1) found.add(name);
      }
    }
    const [x, y] = node.inputs;
    if (!x || !y) continue;
    if (node.opType === 'Mul') {
      for (const [normalized, scale] of [[x, y], [y, x]] as const) {
        if (producers.get(normalized) === 'Div' && isVector(scale)) {
          found.add(scale);
          normalizedAndScaled.add(node.outputs[0]!);
        }
      }
    }
    if (node.opType === 'Add') {
      for (const [input, bias] of [[x, y], [y, x]] as const) {
        if (producers.get(input) === 'MatMul' && isFloatInitializer(bias)) found.add(bias);
        if (normalizedAndScaled.has(input) && isVector(bias)) found.add(bias);
      }
    }
  }
  return graph.nodes.flatMap((n) => n.inputs).filter((name, i, all) => found.has(name) && all.indexOf(name) === i);
}

/** Weight decay applies to matrices and kernels, not to biases and normalization parameters. */
export function takesWeightDecay(model: Model, name: string): boolean {
  return (model.graph.initializers.get(name)?.dims.length ?? 0) >= 2;
}

/** A copy of the model whose parameters hold the given values. */
export function withParameterValues(model: Model, names: readonly string[], values: readonly Float32Array[]): Model {
  const copy = cloneModel(model);
  names.forEach((name, i) => {
    const tensor = copy.graph.initializers.get(name);
    if (!tensor) throw new Error(`parameter '${name}' is not an initializer of the model`);
    copy.graph.initializers.set(name, { ...tensor, data: values[i]!.slice() });
  });
  return copy;
}
