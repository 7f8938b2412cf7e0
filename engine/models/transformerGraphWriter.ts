/**
 * Writes a model's nodes and initializers under names a person chooses, so that layer
 * mappings and reports can name them (`layer0/attention/query`): each node is named after
 * its output. The transformer builder uses it; its building blocks (linear, LayerNorm,
 * GELU) are the ones an encoder layer needs.
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, makeInt64Tensor, makeNode, makeTensor, type Attributes } from '../onnx/builder.ts';
import type { Node, Tensor } from '../onnx/ir.ts';
import type { SeededRandom } from '../util/random.ts';
import { uniformFanIn } from './initializers.ts';

export class NamedGraphWriter {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  /** Adds a single-output node named after its output; returns the output. */
  node(opType: string, inputs: string[], output: string, attributes: Attributes = {}): string {
    this.claim(output);
    this.nodes.push(makeNode(opType, inputs, [output], output, attributes));
    return output;
  }

  floatInitializer(name: string, dims: number[], values: Float32Array): string {
    this.claim(name);
    this.initializers.push(makeTensor(name, DataType.FLOAT, dims, values));
    return name;
  }

  int64Constant(name: string, values: number[], dims: number[] = [values.length]): string {
    this.claim(name);
    this.initializers.push(makeInt64Tensor(name, values, dims));
    return name;
  }

  floatConstant(name: string, value: number): string {
    return this.floatInitializer(name, [], Float32Array.of(value));
  }

  /** An embedding table [rows, width] drawn from normal·0.02, as BERT initialises it. */
  embeddingTable(name: string, rows: number, width: number): string {
    const values = new Float32Array(rows * width);
    for (let i = 0; i < values.length; i++) values[i] = this.random.normal() * 0.02;
    return this.floatInitializer(name, [rows, width], values);
  }

  /**
   * y = x · W + b over the last axis, W stored [in, out] (as MatMul reads it), both
   * uniform ±1/√in. Weights are `<output>.weight` and `<output>.bias`.
   */
  linear(input: string, output: string, inFeatures: number, outFeatures: number): string {
    const weight = this.floatInitializer(`${output}.weight`, [inFeatures, outFeatures], uniformFanIn(inFeatures * outFeatures, inFeatures, this.random));
    const bias = this.floatInitializer(`${output}.bias`, [outFeatures], uniformFanIn(outFeatures, inFeatures, this.random));
    const product = this.node('MatMul', [input, weight], `${output}/matmul`);
    return this.node('Add', [product, bias], output);
  }

  /** LayerNormalization over the last axis, scale 1 and bias 0: `<output>.scale`, `<output>.bias`. */
  layerNorm(input: string, output: string, features: number, epsilon: number): string {
    const scale = this.floatInitializer(`${output}.scale`, [features], new Float32Array(features).fill(1));
    const bias = this.floatInitializer(`${output}.bias`, [features], new Float32Array(features));
    return this.node('LayerNormalization', [input, scale, bias], output, { axis: attr.int(-1), epsilon: attr.float(epsilon) });
  }

  /**
   * GELU in its Erf form, 0.5·x·(1 + erf(x/√2)): the Gelu op needs opset 20, while Erf and
   * the elementwise ops exist (and have gradients) from opset 13.
   */
  gelu(input: string, output: string, constants: GeluConstants): string {
    const erf = this.node('Erf', [this.node('Mul', [input, constants.inverseSqrt2], `${output}/scaled`)], `${output}/erf`);
    const onePlusErf = this.node('Add', [erf, constants.one], `${output}/one_plus_erf`);
    return this.node('Mul', [this.node('Mul', [input, onePlusErf], `${output}/x_times`), constants.half], output);
  }

  private claim(name: string): void {
    if (this.used.has(name)) throw new Error(`the graph already has a tensor named '${name}'`);
    this.used.add(name);
  }
}

/** Scalars the GELU nodes of every layer share. */
export interface GeluConstants {
  inverseSqrt2: string;
  one: string;
  half: string;
}

export function addGeluConstants(writer: NamedGraphWriter): GeluConstants {
  return {
    inverseSqrt2: writer.floatConstant('constants/gelu_inverse_sqrt2', Math.SQRT1_2),
    one: writer.floatConstant('constants/one', 1),
    half: writer.floatConstant('constants/gelu_half', 0.5),
  };
}
