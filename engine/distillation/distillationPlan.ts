/**
 * Turns a config's distillation section into loss components of the student's
 * training graph: knowledge distillation against the teacher's logits,
 * intermediate-layer distillation between mapped tensors (with matchers where the
 * shapes differ), and self-distillation inside the student (with auxiliary heads).
 * Teacher tensors enter the graph as inputs named `distq_teacher/<tensor>`.
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, makeTensor, makeValueInfo, type GraphBuilder } from '../onnx/builder.ts';
import type { Dim, Graph, Tensor, ValueInfo } from '../onnx/ir.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { DistillationConfig } from '../config/distqConfig.ts';
import { likelyMeantName } from '../../contracts/nearestName.ts';
import { labelsLossNamed, pairLossNamed, type RegisteredPairLoss } from '../losses/registry.ts';
import { lossNamesFor, type PairRole } from '../../contracts/losses.ts';
import type { LossComponent } from '../training/trainingGraph.ts';
import { LABELS_INPUT } from '../training/trainingGraph.ts';
import { SeededRandom } from '../util/random.ts';
import { uniformFanIn } from '../models/initializers.ts';
import { matchTensor } from './matcher.ts';

export class DistillationConfigError extends Error {}

export interface ModelView {
  /** The file, for messages. */
  path: string;
  logits: string;
  /** Inferred shapes of every tensor. */
  shapes: ReadonlyMap<string, ValueInfo>;
}

export interface DistillationPlan {
  /** Teacher tensors to compute per batch (empty without a teacher). */
  teacherTensors: string[];
  /** Graph inputs of the training graph that carry them. */
  teacherInputs: ValueInfo[];
  /** Appends the loss nodes (and any matchers or heads) to the training graph. */
  addLosses(builder: GraphBuilder, graph: Graph): LossComponent[];
  /** Trainable tensors the losses added (matchers, auxiliary heads), known after addLosses. */
  addedParameters: Tensor[];
  /** The self kind's auxiliary heads, known after addLosses. */
  auxiliaryHeads: AuxiliaryHead[];
}

/** An auxiliary head of self-distillation: trained by one loss component, never exported. */
export interface AuxiliaryHead {
  /** The loss component it feeds, as metrics name it. */
  component: string;
  /** Its logits, [N, classes]. */
  logits: string;
  /** Its weight and bias. */
  parameters: string[];
  /** The scalar graph input that scales the gradient its term sends into the backbone (absent: all of it). */
  backboneShareInput?: string;
}

/** The graph input carrying the backbone share of self-distillation pair `index`'s head. */
export function backboneShareInputName(index: number): string {
  return `distq_backbone_share/${index}`;
}

export function teacherInputName(tensor: string): string {
  return `distq_teacher/${tensor}`;
}

function requireTensor(view: ModelView, name: string, role: string, where: string): Dim[] {
  const info = view.shapes.get(name);
  if (!info) {
    const suggestion = likelyMeantName(name, [...view.shapes.keys()]);
    throw new DistillationConfigError(`${where}: ${role} tensor '${name}' is not in ${view.path}${suggestion ? `; did you mean '${suggestion}'?` : ''}`);
  }
  if (!info.shape) throw new DistillationConfigError(`${where}: the shape of ${role} tensor '${name}' in ${view.path} is unknown`);
  if (info.dataType !== DataType.FLOAT) throw new DistillationConfigError(`${where}: ${role} tensor '${name}' in ${view.path} is not float32`);
  return info.shape;
}

export interface PlanOptions {
  distillation: DistillationConfig;
  student: ModelView;
  teacher: ModelView | undefined;
  classCount: number;
  seed: number;
}

export function planDistillation(options: PlanOptions): DistillationPlan {
  const { distillation, student, teacher, classCount } = options;
  const random = new SeededRandom(options.seed + 101);
  const addedParameters: Tensor[] = [];
  const auxiliaryHeads: AuxiliaryHead[] = [];
  const needsTeacher = distillation.kind === 'kd' || distillation.kind === 'intermediate';
  if (needsTeacher && !teacher) throw new DistillationConfigError(`distillation.kind '${distillation.kind}' needs a teacher: add a "teacher": { "path": … } section`);

  const teacherTensors: string[] = [];
  const teacherShapes = new Map<string, Dim[]>();
  const useTeacherTensor = (name: string, where: string): string => {
    const shape = requireTensor(teacher!, name, 'teacher', where);
    if (!teacherShapes.has(name)) {
      teacherTensors.push(name);
      teacherShapes.set(name, ['N', ...shape.slice(1)]);
    }
    return teacherInputName(name);
  };

  // Validate names up front so a wrong name fails before any session is made.
  const mappings = distillation.layerMappings ?? [];
  const pairs = distillation.selfMappings ?? [];
  if (distillation.kind === 'intermediate' && mappings.length === 0) throw new DistillationConfigError('distillation.layerMappings: intermediate-layer distillation needs at least one mapping');
  if (distillation.kind === 'self' && pairs.length === 0) throw new DistillationConfigError('distillation.selfMappings: self-distillation needs at least one pair');
  if (distillation.kind === 'kd') useTeacherTensor(teacher!.logits, 'teacher');
  if (distillation.kind === 'intermediate') {
    mappings.forEach((m, i) => {
      requireTensor(student, m.student, 'student', `distillation.layerMappings[${i}].student`);
      useTeacherTensor(m.teacher, `distillation.layerMappings[${i}].teacher`);
    });
  }
  if (distillation.kind === 'self') {
    pairs.forEach((p, i) => {
      requireTensor(student, p.shallow, 'student', `distillation.selfMappings[${i}].shallow`);
      requireTensor(student, p.deep, 'student', `distillation.selfMappings[${i}].deep`);
    });
  }

  const teacherInputs = teacherTensors.map((t) => makeValueInfo(teacherInputName(t), DataType.FLOAT, teacherShapes.get(t)!));
  const temperature = distillation.temperature;
  const [labelsWeight, teacherWeight] = distillation.lossWeights as [number, number];

  const labelsLoss = (builder: GraphBuilder, logits: string): string => {
    const name = distillation.lossTypes[0]!;
    const build = labelsLossNamed(name);
    if (!build) throw new DistillationConfigError(`distillation.lossTypes[0]: '${name}' is not a loss against labels; use ${lossNamesFor('labels').join(' or ')}`);
    return build(builder, logits, LABELS_INPUT, classCount);
  };

  // Mapped tensors of any rank: distribution losses compare them flattened to [N, features].
  const compare = (builder: GraphBuilder, loss: RegisteredPairLoss, a: string, b: string): string =>
    loss.comparesDistributions ? loss.build(builder, flatten(builder, a), flatten(builder, b), temperature) : loss.build(builder, a, b, temperature);

  const addLosses = (builder: GraphBuilder): LossComponent[] => {
    const components: LossComponent[] = [];
    // Metrics key components by name: a tensor used by two pairs also names its partner, so neither is lost.
    const componentName = (base: string, partner: string): string => {
      const taken = (name: string): boolean => components.some((c) => c.name === name);
      if (!taken(base)) return base;
      const named = `${base} (${partner})`;
      let name = named;
      for (let k = 2; taken(name); k++) name = `${named} ${k}`;
      return name;
    };
    switch (distillation.kind) {
      case 'none':
        components.push({ name: 'labels', tensor: labelsLoss(builder, student.logits), weight: 1 });
        break;
      case 'kd': {
        const teacherLogits = teacherInputName(teacher!.logits);
        const kd = requirePairLoss('teacherOutputs', distillation.lossTypes[1]!, 'distillation.lossTypes[1]').build(builder, student.logits, teacherLogits, temperature);
        components.push({ name: 'labels', tensor: labelsLoss(builder, student.logits), weight: labelsWeight });
        components.push({ name: 'kd', tensor: kd, weight: teacherWeight });
        break;
      }
      case 'intermediate': {
        if (distillation.addOriginLoss) components.push({ name: 'labels', tensor: labelsLoss(builder, student.logits), weight: 1 });
        mappings.forEach((m, i) => {
          const studentShape = requireTensor(student, m.student, 'student', `distillation.layerMappings[${i}]`);
          const matched = matchTensor(builder, m.student, studentShape, teacherShapes.get(m.teacher)!, `layer mapping ${i} (${m.student} → ${m.teacher})`, random);
          addedParameters.push(...matched.parameters);
          components.push({ name: componentName(`layer ${m.student}`, m.teacher), tensor: compare(builder, requirePairLoss('layerMapping', m.loss, `distillation.layerMappings[${i}].loss`), matched.output, teacherInputName(m.teacher)), weight: m.weight ?? 1 / mappings.length });
        });
        break;
      }
      case 'self': {
        components.push({ name: 'labels', tensor: labelsLoss(builder, student.logits), weight: 1 });
        pairs.forEach((p, i) => {
          const where = `self-distillation pair ${i} (${p.deep} → ${p.shallow})`;
          let shallow = p.shallow;
          let shallowShape = requireTensor(student, p.shallow, 'student', where);
          const deepShape = requireTensor(student, p.deep, 'student', where);
          const deep = builder.add('StopGradient', [p.deep], {}, 1, DISTQ_OP_DOMAIN)[0]!;
          const loss = requirePairLoss('selfMapping', p.loss, `distillation.selfMappings[${i}].loss`);
          const logitsLoss = loss.comparesDistributions;
          const isLogits = shallowShape.length === 2 && shallowShape[1] === classCount;
          const name = componentName(`self ${p.shallow}`, p.deep);
          if (logitsLoss && (p.auxiliaryHead ?? !isLogits)) {
            // Balanced pairs only: a pair with an explicit weight trains exactly as written.
            const gated = p.weight === undefined && distillation.selfBalance.headAccuracyForBackbone > 0;
            const shareInput = gated ? backboneShareInputName(i) : undefined;
            if (shareInput) builder.graph.inputs.push(makeValueInfo(shareInput, DataType.FLOAT, []));
            const head = auxiliaryHead(builder, shallow, shallowShape, classCount, random, where, shareInput);
            addedParameters.push(...head.parameters);
            auxiliaryHeads.push({ component: name, logits: head.output, parameters: head.parameters.map((t) => t.name), ...(shareInput ? { backboneShareInput: shareInput } : {}) });
            shallow = head.output;
            shallowShape = ['N', classCount];
          }
          let comparedDeep = deep;
          if (!logitsLoss) {
            // Features: bring the deep tensor's teacher signal to the shallow tensor's shape.
            const matched = matchTensor(builder, shallow, shallowShape, deepShape, where, random);
            addedParameters.push(...matched.parameters);
            shallow = matched.output;
            comparedDeep = deep;
          }
          components.push({ name, tensor: compare(builder, loss, shallow, comparedDeep), weight: p.weight ?? 1 / pairs.length, fedWeight: p.weight === undefined && balancesSelfTerms(distillation) });
        });
        break;
      }
    }
    return components;
  };

  return { teacherTensors, teacherInputs, addLosses, addedParameters, auxiliaryHeads };
}

/**
 * Whether the self terms' weights change during training (a ramp or the cap), so each step feeds
 * them. Only pairs without an explicit `weight` follow it: an explicit weight stays as written.
 */
export function balancesSelfTerms(distillation: DistillationConfig): boolean {
  return distillation.selfBalance.rampEpochs > 0 || distillation.selfBalance.capAtLabelsLoss;
}

const ROLE_WORDS: Record<PairRole, string> = { teacherOutputs: 'a loss against the teacher\'s outputs', layerMapping: 'a layer-mapping loss', selfMapping: 'a self-distillation loss' };

/** The registered loss `name` for `role`; the schema admits only those, so this guards code-built configs. */
function requirePairLoss(role: PairRole, name: string, where: string): RegisteredPairLoss {
  const loss = pairLossNamed(role, name);
  if (!loss) throw new DistillationConfigError(`${where}: '${name}' is not ${ROLE_WORDS[role]}; use one of ${lossNamesFor(role).join(', ')}`);
  return loss;
}

/** [N, ...] → [N, prod(...)], so logits-style losses apply to any tensor. */
function flatten(builder: GraphBuilder, tensor: string): string {
  return builder.op('Flatten', [tensor], { axis: attr.int(1) });
}

/**
 * Global average pooling (for feature maps) and a linear layer to class logits. With a share
 * input s, the pooled features enter the head as held + s · (features − held), held being the
 * features with their gradient stopped: the same values (features − held is exactly 0), but only
 * the fraction s of the head's gradient reaches the backbone.
 */
function auxiliaryHead(builder: GraphBuilder, tensor: string, shape: readonly Dim[], classCount: number, random: SeededRandom, where: string, shareInput?: string): { output: string; parameters: Tensor[] } {
  let features = tensor;
  let width: Dim | undefined;
  if (shape.length === 4) {
    features = flatten(builder, builder.op('GlobalAveragePool', [tensor]));
    width = shape[1];
  } else if (shape.length === 2) {
    width = shape[1];
  }
  if (typeof width !== 'number') throw new DistillationConfigError(`${where}: an auxiliary head needs a [N, C, H, W] or [N, D] tensor with a known width, not [${shape.join(', ')}]`);
  if (shareInput) {
    const held = builder.add('StopGradient', [features], {}, 1, DISTQ_OP_DOMAIN)[0]!;
    features = builder.op('Add', [held, builder.op('Mul', [builder.op('Sub', [features, held]), shareInput])]);
  }
  const prefix = builder.uniqueName('aux_head');
  const weight = makeTensor(`${prefix}.weight`, DataType.FLOAT, [classCount, width], uniformFanIn(classCount * width, width, random));
  const bias = makeTensor(`${prefix}.bias`, DataType.FLOAT, [classCount], uniformFanIn(classCount, width, random));
  builder.graph.initializers.set(weight.name, weight);
  builder.graph.initializers.set(bias.name, bias);
  return { output: builder.op('Gemm', [features, weight.name, bias.name], { transB: attr.int(1) }), parameters: [weight, bias] };
}
