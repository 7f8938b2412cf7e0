/**
 * Fills the weights that test/fixtures/zoo/strip_weights.ts emptied, by the role of each
 * tensor's first consumer: BatchNormalization as freshly initialized (scale 1, bias 0,
 * mean 0, variance 1), LayerNormalization scale 1 and bias 0, Conv/Gemm/MatMul weights
 * Kaiming-uniform over their fan-in, everything else (biases, embeddings, layer scales)
 * small. Seeded by the tensor's name, so every run and opset gets the same numbers.
 */
import type { Model, Node } from '../../../engine/onnx/ir.ts';
import { getInt } from '../../../engine/onnx/builder.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

/** Metadata key of the fixtures' stripped initializers: JSON of name → original shape. */
export const STRIPPED_SHAPES_KEY = 'distq.zoo.stripped_shapes';

type Role = 'one' | 'zero' | 'fanIn' | 'small';

/** Constant fills of normalization inputs, by input index. */
const NORMALIZATION_FILLS: Record<string, Record<number, Role>> = {
  BatchNormalization: { 1: 'one', 2: 'zero', 3: 'zero', 4: 'one' },
  LayerNormalization: { 1: 'one', 2: 'zero' },
};

function roleOf(consumer: Node | undefined, inputIndex: number): Role {
  if (!consumer) return 'small';
  const normalization = NORMALIZATION_FILLS[consumer.opType]?.[inputIndex];
  if (normalization) return normalization;
  const isWeight = (consumer.opType === 'Conv' && inputIndex === 1) || (consumer.opType === 'Gemm' && inputIndex === 1) || consumer.opType === 'MatMul';
  return isWeight ? 'fanIn' : 'small';
}

/** Fan-in of a weight as its consumer reads it: Conv [out, in/groups, k…], Gemm with transB [out, in], MatMul [in, out]. */
function fanIn(consumer: Node, dims: number[]): number {
  if (consumer.opType === 'Conv') return dims.slice(1).reduce((a, b) => a * b, 1);
  const transposed = consumer.opType === 'Gemm' && getInt(consumer, 'transB', 0) === 1;
  return transposed ? dims[dims.length - 1]! : dims[0]!;
}

function seedOf(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

/** Restores, in place, the shape and fills the data of every initializer the fixture stripped. */
export function fillStrippedWeights(model: Model): number {
  const strippedShapes = JSON.parse(model.metadata.get(STRIPPED_SHAPES_KEY) ?? '{}') as Record<string, number[]>;
  model.metadata.delete(STRIPPED_SHAPES_KEY);
  const consumers = new Map<string, { node: Node; index: number }>();
  for (const node of model.graph.nodes) {
    node.inputs.forEach((input, index) => {
      if (!consumers.has(input)) consumers.set(input, { node, index });
    });
  }
  // The exporter shares equal tensors (e.g. the running means of same-sized BatchNorms) through Identity nodes.
  const consumerOf = (name: string): { node: Node; index: number } | undefined => {
    const consumer = consumers.get(name);
    return consumer?.node.opType === 'Identity' ? consumerOf(consumer.node.outputs[0]!) : consumer;
  };
  let filled = 0;
  for (const [name, dims] of Object.entries(strippedShapes)) {
    const tensor = model.graph.initializers.get(name);
    if (!tensor) throw new Error(`the stripped initializer '${name}' is not in the model`);
    const size = dims.reduce((a, b) => a * b, 1);
    tensor.dims = dims;
    const consumer = consumerOf(tensor.name);
    const role = roleOf(consumer?.node, consumer?.index ?? 0);
    const random = new SeededRandom(seedOf(tensor.name));
    // ReLU's gain √2 times a uniform's √3 over √fan-in, as PyTorch's kaiming_uniform_: smaller
    // weights let the signal fade through depth, and the logits stop depending on the image.
    const bound = role === 'fanIn' ? Math.sqrt(6 / fanIn(consumer!.node, tensor.dims)) : 0.02;
    const data = new Float32Array(size);
    if (role === 'one') data.fill(1);
    else if (role !== 'zero') for (let i = 0; i < size; i++) data[i] = (2 * random.next() - 1) * bound;
    tensor.data = data;
    filled += 1;
  }
  return filled;
}
