/**
 * The compression manager: a CompressionSession with Intel Neural Compressor's
 * callbacks, so the built-in trainer or a user's own loop can drive QAT with
 * distillation. The loop asks the manager for the loss and gradients of a batch
 * (DistQ computes them in one ONNX Runtime graph), updates the weights (with the
 * manager's optimizer or its own), and calls the callbacks at the usual points.
 */
import type { Dataset } from '../data/dataset.ts';
import type { Batch } from '../data/batches.ts';
import type { QuantizationConfig } from '../config/distqConfig.ts';
import type { TrainingHooks } from '../training/hooks.ts';
import type { StepResult } from '../training/trainStep.ts';
import type { Optimizer, ParameterSlot } from '../training/optim/optimizer.ts';
import { takesWeightDecay } from '../training/parameters.ts';
import { argmaxRows } from '../training/evaluate.ts';
import { writeModel } from '../onnx/modelFile.ts';
import { exportQdqModel } from '../quantization/exportQdq.ts';
import type { Model } from '../onnx/ir.ts';
import type { CompressionSession } from './compressionSession.ts';
import { calibrateSession } from './calibrate.ts';
import { iterateBatches } from '../data/batches.ts';

/** A user's metric: from a dataset's logits (row-major [count, classes]) and labels to a number. */
export type EvaluationFunction = (logits: Float32Array, labels: Int32Array, classCount: number) => number;

export const accuracyMetric: EvaluationFunction = (logits, labels, classCount) => {
  const predicted = argmaxRows(logits, labels.length, classCount);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct += 1;
  return labels.length === 0 ? 0 : correct / labels.length;
};

export class CompressionManager {
  /** The hooks, named as Intel Neural Compressor names them. */
  readonly callbacks: Required<TrainingHooks>;
  private calibrated = false;

  constructor(readonly session: CompressionSession, private readonly quantization: QuantizationConfig, private readonly calibrationData: Dataset) {
    this.callbacks = {
      onTrainBegin: async () => {
        if (!this.calibrated) await this.calibrate();
      },
      onEpochBegin: () => undefined,
      // Self-distillation: the self terms' weights follow their schedule, which learns from each step's losses.
      onStepBegin: (info) => this.session.scheduleLossWeights(info.globalStep),
      onAfterComputeLoss: (info, result) => {
        if (!Number.isFinite(result.totalLoss)) return;
        this.session.ranges.observe(result.extras);
        this.session.selfTerms?.observe(result.components);
        const headAccuracies = info.labels ? this.session.headTally?.add(result, info.labels, info.batchSize) : undefined;
        if (headAccuracies) this.session.headShares?.observe(headAccuracies);
      },
      onBeforeOptimizerStep: () => undefined,
      onStepEnd: () => {
        // Learned scales (LSQ) must stay positive.
        if (this.session.learnsScales) for (const a of this.session.ranges.activations) a.scale[0] = Math.max(a.scale[0]!, 1e-8);
      },
      onEpochEnd: (summary) => {
        const freezeAfter = this.quantization.freezeObserversAfterEpoch;
        if (freezeAfter !== undefined && summary.epoch + 1 >= freezeAfter && !this.session.ranges.isFrozen) this.session.ranges.freeze();
      },
      onTrainEnd: () => undefined,
    };
  }

  /** Calibrates activation ranges on the first batches of the calibration data (done by onTrainBegin when needed). */
  async calibrate(): Promise<void> {
    if (this.quantization.enabled) {
      await calibrateSession(this.session, iterateBatches(this.calibrationData, { batchSize: this.session.setup.batchSize, seed: 0, epoch: 0, shuffle: false, reuseBuffers: false }), this.quantization.calibrationBatches);
      // With learned scales the calibrated range is only the starting point: gradients move it from here.
      if (this.session.learnsScales) this.session.ranges.freeze();
    }
    this.calibrated = true;
  }

  /** Marks the ranges as calibrated (after a resume restored them). */
  markCalibrated(): void {
    this.calibrated = true;
  }

  /** Loss components and gradients of one batch. */
  computeLoss(batch: Batch): Promise<StepResult> {
    return this.session.computeLoss(batch);
  }

  /** The trainable parameters with the gradients of a step, for an optimizer. */
  parameterSlots(result: StepResult): ParameterSlot[] {
    const { step } = this.session;
    const slots: ParameterSlot[] = [];
    step.graph.parameters.forEach((name, i) => {
      const gradient = result.gradients[i];
      if (gradient) slots.push({ name, value: step.parameterValues[i]!, gradient, weightDecay: takesWeightDecay(this.session.studentModel, name) });
    });
    return slots;
  }

  /** Updates the weights in place with an optimizer. */
  optimizerStep(optimizer: Optimizer, result: StepResult, learningRate: number): void {
    optimizer.step(this.parameterSlots(result), learningRate);
  }

  /** Evaluates the fake-quantized student (or the float one) with the accuracy or a user's metric. */
  async evaluate(dataset: Dataset, metric: EvaluationFunction = accuracyMetric, variant: 'fakeQuant' | 'float' = 'fakeQuant'): Promise<number> {
    if (metric === accuracyMetric) return variant === 'float' ? this.session.evaluateFloat(dataset) : this.session.evaluateFakeQuant(dataset);
    const logits = await this.session.logits(dataset, variant);
    // The logits' width, not the data's class count: the data may use fewer labels than the model has classes.
    return metric(logits, dataset.labels, dataset.count > 0 ? logits.length / dataset.count : dataset.classCount);
  }

  /** The student's current float weights as an ONNX model. */
  floatModel(): Model {
    return this.session.currentStudent();
  }

  /** Writes the INT8 QDQ model. */
  exportInt8(file: string): Model {
    const model = exportQdqModel(this.session.currentStudent(), this.session.exportPlan());
    writeModel(model, file);
    return model;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

