/** One Conv node with random input, filter and bias, and its output in ONNX Runtime: the cases of the convolution lowering tests. */
import * as ort from 'onnxruntime-node';
import { makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../engine/onnx/builder.ts';
import { DataType } from '../../engine/onnx/dataType.ts';
import type { Model } from '../../engine/onnx/ir.ts';
import { encodeModel } from '../../engine/onnx/protoCodec.ts';
import { ortSessionOptions } from '../../engine/runtime/session.ts';
import { SeededRandom } from '../../engine/util/random.ts';

export interface ConvCase {
  name: string;
  input: [number, number, number, number];
  filter: [number, number, number, number];
  attributes: Attributes;
  bias?: boolean;
  /** The filter is a constant initializer, not computed by the graph. */
  constantFilter?: boolean;
}

/**
 * The case's model and feeds, values drawn from a generator seeded by the input shape and `seed`.
 * `symbolicBatch` declares the input's batch as 'N', as in a training step's graph.
 */
export function convCaseModel(c: ConvCase, options: { seed: number; symbolicBatch?: boolean }): { model: Model; feeds: Record<string, ort.Tensor> } {
  const random = new SeededRandom(c.input.reduce((a, b) => a * 7 + b, options.seed));
  const values = (count: number): Float32Array => Float32Array.from({ length: count }, () => random.normal());
  const filterValues = values(c.filter.reduce((a, b) => a * b, 1));
  const inputs = [makeValueInfo('x', DataType.FLOAT, options.symbolicBatch ? ['N', ...c.input.slice(1)] : c.input)];
  const feeds: Record<string, ort.Tensor> = { x: new ort.Tensor('float32', values(c.input.reduce((a, b) => a * b, 1)), c.input) };
  const initializers = [];
  if (c.constantFilter) {
    initializers.push(makeTensor('w', DataType.FLOAT, c.filter, filterValues));
  } else {
    inputs.push(makeValueInfo('w', DataType.FLOAT, c.filter));
    feeds.w = new ort.Tensor('float32', filterValues, c.filter);
  }
  if (c.bias) {
    inputs.push(makeValueInfo('b', DataType.FLOAT, [c.filter[0]]));
    feeds.b = new ort.Tensor('float32', values(c.filter[0]), [c.filter[0]]);
  }
  const conv = makeNode('Conv', c.bias ? ['x', 'w', 'b'] : ['x', 'w'], ['y'], 'conv', c.attributes);
  return { model: makeModel(makeGraph(c.name, [conv], inputs, [makeValueInfo('y', DataType.FLOAT)], initializers)), feeds };
}

/** The model's output `y` on `feeds`, in a session of its own. */
export async function convOutput(model: Model, feeds: Record<string, ort.Tensor>): Promise<ort.Tensor> {
  const session = await ort.InferenceSession.create(encodeModel(model), ortSessionOptions());
  const { y } = await session.run(feeds);
  await session.release();
  return y!;
}
