/**
 * Proposes distillation mappings from two model descriptions, for the New Config
 * wizard. The proposal is a starting point the user edits; the rule is stated in
 * the written config (LAYER_MAPPING_RULE, SELF_MAPPING_RULE).
 */
import type { ModelDescription, TensorDescription } from '../../engine/protocol.ts';
import { matcherProblem, type Dim } from './matcherShapeRule.ts';

/** Ops whose outputs end a block: activations, pooling, residual sums, linear layers. */
const BLOCK_OUTPUT_OPS = new Set(['Relu', 'MaxPool', 'AveragePool', 'Add', 'Gemm']);

export interface ProposedLayerMapping {
  student: string;
  teacher: string;
  loss: 'MSE' | 'KL';
}

export interface ProposedSelfMapping {
  shallow: string;
  deep: string;
  loss: 'KL';
}

export const LAYER_MAPPING_RULE =
  'Proposed pairs: block outputs (Relu, MaxPool, AveragePool, Add, Gemm) of student and teacher, in graph order, '
  + 'paired when their ranks agree and they differ at most in the feature dimension (a trainable matcher bridges channels); '
  + 'when the teacher has more blocks, the pairs are spread evenly over it. The logits pair is always included.';

export const SELF_MAPPING_RULE =
  'Proposed pairs: the last block output of each resolution stage of the student (and its last [N, D] block output) '
  + 'learns from the final logits through an auxiliary head (global pooling + linear, removed at export).';

type Shaped = TensorDescription & { shape: Dim[] };

function hasShape(tensor: TensorDescription): tensor is Shaped {
  return tensor.shape !== null;
}

/** The logits tensor: the model's first graph output, as the engine picks it by default. */
export function logitsOf(model: ModelDescription): string | undefined {
  return model.outputs[0];
}

/** Outputs of block-ending nodes with known shapes, in graph order, without the logits. */
export function blockOutputs(model: ModelDescription): Shaped[] {
  const logits = logitsOf(model);
  return model.tensors.filter(hasShape).filter((t) => BLOCK_OUTPUT_OPS.has(t.producer) && t.name !== logits);
}

function bridgeable(student: Shaped, teacher: Shaped): boolean {
  return matcherProblem(student.shape, teacher.shape) === undefined;
}

/**
 * Pairs student and teacher block outputs in order. Student block i aims at the teacher
 * block at the same relative depth ((i + 1) · T / S − 1: every second teacher block when
 * the teacher has twice as many) and takes the bridgeable teacher block after the last one
 * used that is nearest to that aim; a student block with none left gets no pair.
 */
export function proposeLayerMappings(student: ModelDescription, teacher: ModelDescription): ProposedLayerMapping[] {
  const studentBlocks = blockOutputs(student);
  const teacherBlocks = blockOutputs(teacher);
  const mappings: ProposedLayerMapping[] = [];
  let lastTeacher = -1;
  studentBlocks.forEach((studentBlock, i) => {
    const aim = ((i + 1) * teacherBlocks.length) / studentBlocks.length - 1;
    let best = -1;
    for (let j = lastTeacher + 1; j < teacherBlocks.length; j++) {
      if (!bridgeable(studentBlock, teacherBlocks[j]!)) continue;
      if (best < 0 || Math.abs(j - aim) < Math.abs(best - aim)) best = j;
    }
    if (best < 0) return;
    mappings.push({ student: studentBlock.name, teacher: teacherBlocks[best]!.name, loss: 'MSE' });
    lastTeacher = best;
  });
  const studentLogits = logitsOf(student);
  const teacherLogits = logitsOf(teacher);
  if (studentLogits && teacherLogits) mappings.push({ student: studentLogits, teacher: teacherLogits, loss: 'KL' });
  return mappings;
}

function stageKey(tensor: Shaped): string {
  return tensor.shape.length === 4 ? `4:${tensor.shape.slice(2).join('x')}` : String(tensor.shape.length);
}

/**
 * One pair per resolution stage: the last block output of each run of feature maps with the
 * same spatial size, and the last [N, D] block output, each taught by the final logits.
 * Only rank 2 and 4 tensors qualify: the auxiliary head handles those two.
 */
export function proposeSelfMappings(student: ModelDescription): ProposedSelfMapping[] {
  const logits = logitsOf(student);
  if (!logits) return [];
  const blocks = blockOutputs(student).filter((t) => t.shape.length === 2 || t.shape.length === 4);
  const stageEnds = blocks.filter((block, i) => i === blocks.length - 1 || stageKey(blocks[i + 1]!) !== stageKey(block));
  return stageEnds.map((block) => ({ shallow: block.name, deep: logits, loss: 'KL' }));
}
