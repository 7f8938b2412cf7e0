/**
 * The output-error × gradient proxy of ModelOpt's AutoQuantize: quantizing a layer moves its output
 * y by Δy = y_q − y, and a second-order Taylor expansion of the loss with the Fisher approximation of
 * the Hessian estimates the loss increase as Σ (Δy · ∂ℓ/∂y)² over the output's elements, summed over
 * examples (ℓ the example's cross-entropy with its label). The float model computes y and ∂ℓ/∂y;
 * y_q comes from the model with only that layer quantized.
 */
import type * as ort from 'onnxruntime-node';
import { DataType } from '../onnx/dataType.ts';
import { GraphBuilder, makeValueInfo } from '../onnx/builder.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { defaultOpset, type Model } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';
import { buildGradientGraph } from '../autodiff/differentiate.ts';
import { crossEntropyWithLabels } from '../losses/crossEntropy.ts';
import { LABELS_INPUT, labelsInput } from '../training/trainingGraph.ts';
import { createSession, int64Tensor, tensorFloats } from '../runtime/session.ts';

export interface OutputAndGradient {
  output: Float32Array;
  /** ∂ℓ_n/∂y for each example n (the gradient of the batch's summed loss). */
  gradient: Float32Array;
}

/** The float model with a cross-entropy loss, fetching chosen intermediate tensors and their gradients. */
export class OutputGradientProbe {
  private constructor(private readonly session: ort.InferenceSession, private readonly gradients: ReadonlyMap<string, string>) {}

  static async create(floatModel: Model, logits: string, tensors: readonly string[], fallbackClassCount: number, threads: number): Promise<OutputGradientProbe> {
    const model = cloneModel(floatModel);
    const graph = model.graph;
    const opset = defaultOpset(model);
    const logitsShape = inferShapes(graph, opset).get(logits)?.shape;
    const lastDimension = logitsShape?.[logitsShape.length - 1];
    const classCount = typeof lastDimension === 'number' ? lastDimension : fallbackClassCount;
    graph.inputs.push(labelsInput());
    graph.valueInfos.clear();
    const loss = crossEntropyWithLabels(new GraphBuilder(graph, 'sensitivity'), logits, LABELS_INPUT, classCount);
    const { gradients } = buildGradientGraph(graph, { loss, parameters: tensors, opset });
    graph.outputs = [...new Set([...tensors, ...gradients.values()])].map((name) => makeValueInfo(name, DataType.FLOAT));
    return new OutputGradientProbe(await createSession(model, { threads }), gradients);
  }

  /** Whether the loss depends on the tensor at all (a tensor it ignores has no gradient). */
  hasGradient(tensor: string): boolean {
    return this.gradients.has(tensor);
  }

  async run(feeds: Record<string, ort.Tensor>, labels: Int32Array, tensor: string): Promise<OutputAndGradient> {
    const gradientName = this.gradients.get(tensor);
    if (!gradientName) throw new Error(`the loss does not depend on '${tensor}'`);
    const count = labels.length;
    // Every output is fetched: onnxruntime-node 1.23 answers a list of output names with the first outputs of the graph, whatever their names.
    const results = await this.session.run({ ...feeds, [LABELS_INPUT]: int64Tensor(BigInt64Array.from(labels, BigInt), [count]) });
    const output = tensorFloats(results[tensor], tensor);
    // The loss is the batch mean: each example's own gradient is `count` times its share.
    const gradient = tensorFloats(results[gradientName], gradientName).map((g) => g * count);
    return { output, gradient };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Σ ((quantized − float) · gradient)² over matching elements. */
export function outputGradientScore(quantized: Float32Array, float: Float32Array, gradient: Float32Array): number {
  if (quantized.length !== float.length || float.length !== gradient.length) throw new Error(`output-gradient score: lengths ${quantized.length}, ${float.length} and ${gradient.length} differ`);
  let score = 0;
  for (let i = 0; i < float.length; i++) {
    const term = (quantized[i]! - float[i]!) * gradient[i]!;
    score += term * term;
  }
  return score;
}
