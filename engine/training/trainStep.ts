/**
 * One training step as one onnxruntime-node run. Parameters are fed from their
 * Float32Arrays without copying (the optimizer updates them in place, so the same
 * ORT tensors stay valid across steps); outputs are the losses, logits, extra
 * statistics and gradients.
 */
import * as ort from 'onnxruntime-node';
import type { Tensor } from '../onnx/ir.ts';
import { createSession, floatTensor, tensorFloats, type SessionOptions } from '../runtime/session.ts';
import type { TrainingGraph } from './trainingGraph.ts';

export interface StepResult {
  totalLoss: number;
  /** Loss component name → value (unweighted). */
  components: Record<string, number>;
  logits: Float32Array;
  /** Aligned with the graph's parameters; undefined where the loss ignores a parameter. */
  gradients: (Float32Array | undefined)[];
  extras: Record<string, Float32Array>;
}

export class TrainStepSession {
  private readonly parameterTensors: Record<string, ort.Tensor>;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly graph: TrainingGraph,
    readonly parameterValues: Float32Array[],
  ) {
    this.parameterTensors = {};
    graph.parameters.forEach((name, i) => {
      const dims = graph.model.graph.inputs.find((input) => input.name === name)!.shape as number[];
      this.parameterTensors[name] = floatTensor(parameterValues[i]!, dims);
    });
  }

  /** `initial` holds each parameter's starting value; the session trains copies it owns. */
  static async create(graph: TrainingGraph, initial: ReadonlyMap<string, Tensor>, options: SessionOptions = {}): Promise<TrainStepSession> {
    const values = graph.parameters.map((name) => {
      const tensor = initial.get(name);
      if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`parameter '${name}' has no float32 value`);
      return tensor.data.slice();
    });
    // The step computes its filters (fake-quantized weights, gradients' flipped filters) every step.
    const session = await createSession(graph.model, { fastConvolutions: true, ...options });
    return new TrainStepSession(session, graph, values);
  }

  /** Runs forward, losses and backward for one batch. `feeds` holds the batch, labels and other extra inputs. */
  async run(feeds: Record<string, ort.Tensor>): Promise<StepResult> {
    const results = await this.session.run({ ...feeds, ...this.parameterTensors });
    const components: Record<string, number> = {};
    for (const c of this.graph.components) components[c.name] = Number(tensorFloats(results[c.tensor], c.tensor)[0]);
    const extras: Record<string, Float32Array> = {};
    for (const name of this.graph.extraOutputs) extras[name] = tensorFloats(results[name], name);
    return {
      totalLoss: Number(tensorFloats(results[this.graph.totalLoss], 'total loss')[0]),
      components,
      logits: tensorFloats(results[this.graph.logits], this.graph.logits),
      gradients: this.graph.gradients.map((g) => (g ? tensorFloats(results[g], g) : undefined)),
      extras,
    };
  }

  /** The live parameter tensors, for an evaluation session that reads the same weights. */
  parameterFeeds(): Record<string, ort.Tensor> {
    return { ...this.parameterTensors };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
