/**
 * Everything a QAT + distillation run holds between steps: the prepared student
 * (BatchNormalization folded), its fake-quantized twin, the teacher, the compiled
 * training step, live activation ranges and the evaluators. The built-in `run`
 * command and the hooks API (`prepareCompression`) both drive training through it.
 */
import * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/dataset.ts';
import type { Batch } from '../data/batches.ts';
import type { DistillationConfig, QuantizationConfig } from '../config/distqConfig.ts';
import type { Model, Tensor } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { attr, GraphBuilder, makeTensor } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import { lsqGradientScale, setLsqGradientScale } from '../quantization/lsqGradientScale.ts';
import { fakeQuantOptions } from '../quantization/fakeQuantOptions.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { inferShapes } from '../onnx/shapeInference.ts';
import { foldBatchNormalization } from '../onnx/passes/foldBatchNormalization.ts';
import { prepareForTraining } from '../models/prepareModel.ts';
import type { LoadedModel } from '../models/loadStudentModel.ts';
import { insertFakeQuantization, type QuantizedActivation, type QuantizedWeight, type SharedQuantizedActivation } from '../quantization/insertFakeQuant.ts';
import { buildExportPlan, type QdqExportPlan } from '../quantization/exportPlan.ts';
import { planDistillation, teacherInputName, type DistillationPlan } from '../distillation/distillationPlan.ts';
import { SelfTermWeights } from '../distillation/selfTermWeights.ts';
import { AuxiliaryHeadTally } from '../distillation/auxiliaryHeadTally.ts';
import { HeadBackboneShares } from '../distillation/headBackboneShares.ts';
import { batchCount } from '../data/batches.ts';
import { TeacherOutputCache, TeacherRunner } from '../distillation/teacher.ts';
import { buildEvaluationGraph, buildTrainingGraph, LABELS_INPUT, labelsInput, type LossComponent } from '../training/trainingGraph.ts';
import { findTrainableParameters, withParameterValues } from '../training/parameters.ts';
import { TrainStepSession, type StepResult } from '../training/trainStep.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import { floatTensor, int64Tensor } from '../runtime/session.ts';
import { batchFeeds } from '../runtime/inputFeeds.ts';
import { unknownNodeNames } from './namedNodes.ts';
import { floatNodes } from '../config/effectiveSections.ts';
import { ActivationRanges, type ObservedActivation, type RangeObserver } from './activationRanges.ts';

export interface CompressionSetup {
  student: LoadedModel;
  teacher?: LoadedModel;
  distillation: DistillationConfig;
  quantization: QuantizationConfig;
  train: Dataset;
  seed: number;
  threads: number;
  batchSize: number;
  evalBatchSize: number;
  /** Makes the observer of one activation tensor. */
  createObserver(tensor: string): RangeObserver;
  /** Bytes the teacher's outputs for the whole training set may take when cached. */
  teacherCacheBudgetBytes?: number;
}

export class CompressionError extends Error {}

export class CompressionSession {
  /** The fed self terms' weights for the next step (component name → weight). */
  private lossWeights: Record<string, number>;

  private constructor(
    readonly setup: CompressionSetup,
    /** The float student as trained: constants folded, BatchNormalization folded. */
    readonly studentModel: Model,
    /** The student with fake quantization inserted (equal to studentModel without QAT). */
    readonly qatModel: Model,
    readonly trainable: string[],
    readonly quantizedWeights: QuantizedWeight[],
    readonly sharedActivations: SharedQuantizedActivation[],
    readonly ranges: ActivationRanges,
    readonly plan: DistillationPlan,
    readonly step: TrainStepSession,
    private readonly teacher: TeacherRunner | undefined,
    private teacherCache: TeacherOutputCache | undefined,
    private readonly floatEvaluator: ClassifierEvaluator,
    private readonly quantizedEvaluator: ClassifierEvaluator,
    private readonly teacherEvaluator: ClassifierEvaluator | undefined,
    /** The self terms' weight schedule (self-distillation with selfBalance on). */
    readonly selfTerms: SelfTermWeights | undefined,
    /** The auxiliary heads' accuracy and loss since the last reading (self-distillation with heads). */
    readonly headTally: AuxiliaryHeadTally | undefined,
    /** How much of each head's term reaches the backbone (self-distillation with selfBalance.headAccuracyForBackbone). */
    readonly headShares: HeadBackboneShares | undefined,
  ) {
    this.lossWeights = selfTerms?.weightsAt(0) ?? {};
  }

  static async create(setup: CompressionSetup): Promise<CompressionSession> {
    const { student, teacher } = setup;
    const studentModel = foldBatchNormalization(await prepareForTraining(student.model, student.inputNames));
    const teacherModel = teacher ? await prepareForTraining(teacher.model, teacher.inputNames) : undefined;
    if (teacher && teacherModel) checkSameInputs(student, studentModel, teacher, teacherModel);
    const studentShapes = inferShapes(studentModel.graph, defaultOpset(studentModel));
    const teacherShapes = teacherModel ? inferShapes(teacherModel.graph, defaultOpset(teacherModel)) : undefined;
    // The model's classes, not the data's: a data set may use fewer labels than the logits have.
    const classCount = lastDimension(studentShapes.get(student.logitsName)?.shape) ?? setup.train.classCount;
    const plan = planDistillation({
      distillation: setup.distillation,
      student: { path: student.path, logits: student.logitsName, shapes: studentShapes },
      teacher: teacher && teacherShapes ? { path: teacher.path, logits: teacher.logitsName, shapes: teacherShapes } : undefined,
      classCount,
      seed: setup.seed,
    });

    const trainable = findTrainableParameters(studentModel);
    const qatModel = cloneModel(studentModel);
    const quantization = setup.quantization;
    let activations: QuantizedActivation[] = [];
    let quantizedWeights: QuantizedWeight[] = [];
    let sharedActivations: SharedQuantizedActivation[] = [];
    if (quantization.enabled) {
      const result = insertFakeQuantization(qatModel, fakeQuantOptions(quantization, new Set(trainable)), studentShapes);
      activations = result.activations;
      quantizedWeights = result.weights;
      sharedActivations = result.shared;
      const unknown = unknownNodeNames(quantization, studentModel.graph.nodes.map((n) => n.name));
      if (unknown.length > 0) throw new CompressionError(`${student.path}: ${unknown.join('; ')}`);
    }

    // Batch statistics of each quantized activation, fetched with every training step.
    const trainingSource = cloneModel(qatModel);
    const learnedScales = quantization.enabled && quantization.activations.learnScale ? learnActivationScales(trainingSource, activations, studentShapes) : [];
    const statistics = new GraphBuilder(trainingSource.graph, 'observe');
    const observed: ObservedActivation[] = activations.map((a) => ({
      ...a,
      observer: setup.createObserver(a.tensor),
      minOutput: statistics.op('ReduceMin', [a.tensor], { keepdims: attr.int(0) }),
      maxOutput: statistics.op('ReduceMax', [a.tensor], { keepdims: attr.int(0) }),
      scale: new Float32Array([1]),
      zeroPoint: new Float32Array([0]),
    }));
    const ranges = new ActivationRanges(observed);

    let fedTerms: LossComponent[] = [];
    const graph = buildTrainingGraph(trainingSource, {
      logits: student.logitsName,
      trainable: [...trainable, ...learnedScales],
      extraInputs: [labelsInput(), ...plan.teacherInputs],
      addLosses: (builder, g) => {
        const components = plan.addLosses(builder, g);
        fedTerms = components.filter((c) => c.fedWeight);
        return components;
      },
      addedTrainable: () => plan.addedParameters.map((t) => t.name),
      extraOutputs: observed.flatMap((a) => [a.minOutput, a.maxOutput]),
      addedOutputs: () => plan.auxiliaryHeads.map((h) => h.logits),
    });
    const selfTerms = fedTerms.length > 0 ? new SelfTermWeights(fedTerms, setup.distillation.selfBalance, batchCount(setup.train.count, setup.batchSize)) : undefined;
    const headTally = plan.auxiliaryHeads.length > 0 ? new AuxiliaryHeadTally(plan.auxiliaryHeads, classCount) : undefined;
    const sharedHeads = plan.auxiliaryHeads.filter((h) => h.backboneShareInput !== undefined);
    const headShares = sharedHeads.length > 0 ? new HeadBackboneShares(sharedHeads, classCount, setup.distillation.selfBalance.headAccuracyForBackbone) : undefined;
    const initial = new Map<string, Tensor>(trainingSource.graph.initializers);
    for (const t of plan.addedParameters) initial.set(t.name, t);
    for (const name of trainable) initial.set(name, studentModel.graph.initializers.get(name)!);
    const sessionOptions = { threads: setup.threads };
    const step = await TrainStepSession.create(graph, initial, sessionOptions);
    // A learned scale is a parameter of the step; the evaluation graphs read the same array.
    for (const a of observed) {
      const index = graph.parameters.indexOf(a.scaleInput);
      if (index >= 0) a.scale = step.parameterValues[index]!;
    }

    const teacherRunner = teacherModel && teacher && plan.teacherTensors.length > 0 ? await TeacherRunner.create(teacherModel, teacher.inputNames, plan.teacherTensors, sessionOptions) : undefined;
    const teacherCache = teacherRunner && setup.distillation.cacheTeacherOutputs
      ? await TeacherOutputCache.build(teacherRunner, setup.train, setup.evalBatchSize, setup.teacherCacheBudgetBytes ?? 1024 ** 3)
      : undefined;
    const floatEvaluator = await ClassifierEvaluator.create(buildEvaluationGraph(studentModel, trainable, [student.logitsName]), student.inputNames, student.logitsName, sessionOptions);
    const quantizedEvaluator = await ClassifierEvaluator.create(buildEvaluationGraph(qatModel, trainable, [student.logitsName]), student.inputNames, student.logitsName, sessionOptions);
    const teacherEvaluator = teacherModel && teacher ? await ClassifierEvaluator.create(teacherModel, teacher.inputNames, teacher.logitsName, sessionOptions) : undefined;
    return new CompressionSession(setup, studentModel, qatModel, trainable, quantizedWeights, sharedActivations, ranges, plan, step, teacherRunner, teacherCache, floatEvaluator, quantizedEvaluator, teacherEvaluator, selfTerms, headTally, headShares);
  }

  /** Whether activation scales are trained (LSQ) rather than set by the observers. */
  get learnsScales(): boolean {
    return this.step.graph.parameters.some((p) => this.ranges.activations.some((a) => a.scaleInput === p));
  }

  /** The live student weights as evaluation-graph inputs. */
  private studentFeeds(): Record<string, ort.Tensor> {
    const all = this.step.parameterFeeds();
    return Object.fromEntries(this.trainable.map((name) => [name, all[name]!]));
  }

  /** Sets the fed loss weights of the following steps (component name → weight): the schedule's, or the head warm-up's own. */
  setLossWeights(weights: Record<string, number>): void {
    this.lossWeights = { ...weights };
  }

  /** The self terms' weights for the step after `globalStep` optimizer steps, from the schedule. */
  scheduleLossWeights(globalStep: number): void {
    if (this.selfTerms) this.lossWeights = this.selfTerms.weightsAt(globalStep);
  }

  /** The fed loss weights in use, for metrics and tests. */
  currentLossWeights(): Record<string, number> {
    return { ...this.lossWeights };
  }

  /** Inputs of the training step beyond the parameters: batch, labels, teacher tensors, ranges, fed loss weights. */
  async feedsFor(batch: Batch): Promise<Record<string, ort.Tensor>> {
    const feeds: Record<string, ort.Tensor> = {
      ...batchFeeds(this.setup.student.inputNames, batch.inputs, batch.size),
      [LABELS_INPUT]: int64Tensor(batch.labels, [batch.size]),
      ...this.ranges.feeds(this.learnsScales),
    };
    for (const { component, input } of this.step.graph.weightInputs) feeds[input] = floatTensor(Float32Array.of(this.lossWeights[component] ?? 0), []);
    if (this.headShares) {
      const shares = this.headShares.shares();
      for (const head of this.plan.auxiliaryHeads) if (head.backboneShareInput) feeds[head.backboneShareInput] = floatTensor(Float32Array.of(shares[head.component] ?? 0), []);
    }
    if (this.teacher) {
      if (this.teacherCache) {
        for (const name of this.plan.teacherTensors) feeds[teacherInputName(name)] = this.teacherCache.gather(name, batch.indices, batch.size);
      } else {
        const outputs = await this.teacher.run(batchFeeds(this.teacher.inputNames, batch.inputs, batch.size));
        for (const [name, value] of outputs) feeds[teacherInputName(name)] = floatTensor(value.data, value.dims);
      }
    }
    return feeds;
  }

  /** Runs forward, losses and backward for one batch (the observers learn from it in onAfterComputeLoss). */
  async computeLoss(batch: Batch): Promise<StepResult> {
    return this.step.run(await this.feedsFor(batch));
  }

  async evaluateTeacher(dataset: Dataset): Promise<number | undefined> {
    return this.teacherEvaluator ? (await this.teacherEvaluator.evaluate(dataset, this.setup.evalBatchSize)).accuracy : undefined;
  }

  /** The student with its current weights, in float. */
  async evaluateFloat(dataset: Dataset): Promise<number> {
    return (await this.floatEvaluator.evaluate(dataset, this.setup.evalBatchSize, this.studentFeeds())).accuracy;
  }

  /** The student with its current weights and ranges, fake-quantized. */
  async evaluateFakeQuant(dataset: Dataset): Promise<number> {
    return (await this.quantizedEvaluator.evaluate(dataset, this.setup.evalBatchSize, { ...this.studentFeeds(), ...this.ranges.feeds() })).accuracy;
  }

  /** Logits of a whole dataset, row-major, from the fake-quantized or the float student. */
  async logits(dataset: Dataset, variant: 'fakeQuant' | 'float'): Promise<Float32Array> {
    const evaluator = variant === 'float' ? this.floatEvaluator : this.quantizedEvaluator;
    const feeds = variant === 'float' ? this.studentFeeds() : { ...this.studentFeeds(), ...this.ranges.feeds() };
    const parts: Float32Array[] = [];
    for (let start = 0; start < dataset.count; start += this.setup.evalBatchSize) {
      const count = Math.min(this.setup.evalBatchSize, dataset.count - start);
      parts.push(await evaluator.logits(dataset, start, count, feeds));
    }
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }

  /** The float student with its current weights, as a model (matchers and heads are not part of it). */
  currentStudent(): Model {
    const values = this.trainable.map((name) => this.step.parameterValues[this.step.graph.parameters.indexOf(name)]!);
    return withParameterValues(this.studentModel, this.trainable, values);
  }

  /** What the INT8 export needs, from the current ranges. */
  exportPlan(): QdqExportPlan {
    return buildExportPlan(this.quantizedWeights, this.ranges.activations, this.ranges.parameters(), this.sharedActivations, this.setup.quantization.enabled ? floatNodes(this.setup.quantization) : []);
  }

  async release(): Promise<void> {
    await this.step.release();
    await this.floatEvaluator.release();
    await this.quantizedEvaluator.release();
    await this.teacherEvaluator?.release();
    await this.teacher?.release();
  }
}

/**
 * LSQ: each activation's scale becomes a trained parameter (an initializer of the
 * training graph, starting from the calibrated value), with LSQ's gradient scale
 * g = 1/√(N·qmax), N the elements per example.
 */
function learnActivationScales(model: Model, activations: QuantizedActivation[], shapes: ReadonlyMap<string, { shape?: (number | string)[] }>): string[] {
  const graph = model.graph;
  for (const a of activations) {
    graph.inputs = graph.inputs.filter((i) => i.name !== a.scaleInput);
    graph.initializers.set(a.scaleInput, makeTensor(a.scaleInput, DataType.FLOAT, [], Float32Array.of(1)));
    const perExample = (shapes.get(a.tensor)?.shape ?? []).slice(1);
    const count = perExample.every((d): d is number => typeof d === 'number') ? perExample.reduce((x, y) => x * y, 1) : 1;
    const node = graph.nodes.find((n) => n.domain === DISTQ_OP_DOMAIN && n.opType === 'FakeQuantize' && n.inputs[1] === a.scaleInput);
    if (node) setLsqGradientScale(node, lsqGradientScale(Math.max(1, count), a.qmax));
  }
  return activations.map((a) => a.scaleInput);
}

/** Student and teacher read the same data: input i of each (as bound to the dataset) has the same example shape. */
function checkSameInputs(student: LoadedModel, studentModel: Model, teacher: LoadedModel, teacherModel: Model): void {
  const shapeOf = (model: Model, input: string): string => JSON.stringify(model.graph.inputs.find((i) => i.name === input)?.shape?.slice(1) ?? null);
  student.inputNames.forEach((studentInput, i) => {
    const teacherInput = teacher.inputNames[i];
    if (teacherInput === undefined) throw new CompressionError(`the student ${student.path} reads input '${studentInput}', which the teacher ${teacher.path} has no counterpart for; both must read the same data`);
    const a = shapeOf(studentModel, studentInput);
    const b = shapeOf(teacherModel, teacherInput);
    if (a !== b) {
      throw new CompressionError(`the teacher ${teacher.path} takes input '${teacherInput}' of example shape ${b}, but the student ${student.path} takes '${studentInput}' of example shape ${a}; both must read the same data`);
    }
  });
}

/** The size of a shape's last dimension, when it is a known number. */
function lastDimension(shape: readonly (number | string)[] | null | undefined): number | undefined {
  const dim = shape?.[shape.length - 1];
  return typeof dim === 'number' && dim > 0 ? dim : undefined;
}
