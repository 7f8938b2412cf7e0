/**
 * Proposes distillation mappings from two model descriptions, for the New Config
 * wizard. The proposal is a starting point the user edits; the rule is stated in
 * the written config (layerMappingRule, SELF_MAPPING_RULE).
 */
import type { ModelDescription, TensorDescription } from '../../contracts/engineProtocol.ts';
import { matcherProblem } from '../../contracts/matcherShapes.ts';
import { transformerLayers, type ShapedTensor, type TransformerLayer } from './transformerLayers.ts';

/** Ops whose outputs end a block: activations, pooling, residual sums, linear layers. */
const BLOCK_OUTPUT_OPS = new Set(['Relu', 'MaxPool', 'AveragePool', 'Add', 'Gemm']);

/** What a pair of the transformer proposal connects. */
export type TransformerPairKind = 'layer outputs' | 'attention probabilities' | 'logits';

export interface ProposedLayerMapping {
  student: string;
  teacher: string;
  loss: 'MSE' | 'KL';
  /** Written to the config when set; without it the engine weighs every mapping 1 / number of mappings. */
  weight?: number;
  /** Set by the transformer proposal only; not written to the config. */
  pairs?: TransformerPairKind;
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

export const TRANSFORMER_MAPPING_RULE =
  'Proposed pairs (transformer): student encoder layer j learns from the teacher layer at the same relative depth, '
  + '(j + 1) · T / S − 1 for S student and T teacher layers (every second teacher layer when it has twice as many), '
  + 'with one pair for the layer outputs (the last LayerNorm of the layer; a trainable matcher bridges different hidden sizes) '
  + 'and one for the attention probabilities (the Softmax over keys, [N, heads, L, L]), then the logits pair; '
  + 'every pair is MSE with weight 1, as in Intel Neural Compressor\'s BERT intermediate-layer distillation.';

export const SELF_MAPPING_RULE =
  'Proposed pairs: the last block output of each resolution stage of the student (and its last [N, D] block output) '
  + 'learns from the final logits through an auxiliary head (global pooling + linear, removed at export).';

function hasShape(tensor: TensorDescription): tensor is ShapedTensor {
  return tensor.shape !== null;
}

/** The logits tensor: the model's first graph output, as the engine picks it by default. */
export function logitsOf(model: ModelDescription): string | undefined {
  return model.outputs[0];
}

/** Outputs of block-ending nodes with known shapes, in graph order, without the logits. */
export function blockOutputs(model: ModelDescription): ShapedTensor[] {
  const logits = logitsOf(model);
  return model.tensors.filter(hasShape).filter((t) => BLOCK_OUTPUT_OPS.has(t.producer) && t.name !== logits);
}

function bridgeable(student: ShapedTensor, teacher: ShapedTensor): boolean {
  return matcherProblem(student.shape, teacher.shape) === undefined;
}

/**
 * Pairs student and teacher block outputs in order. Student block i aims at the teacher
 * block at the same relative depth ((i + 1) · T / S − 1: every second teacher block when
 * the teacher has twice as many) and takes the bridgeable teacher block after the last one
 * used that is nearest to that aim; a student block with none left gets no pair.
 */
function proposeBlockMappings(student: ModelDescription, teacher: ModelDescription): ProposedLayerMapping[] {
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

/** The teacher layer at the same relative depth as student layer j of S: (j + 1) · T / S − 1, rounded, within the teacher. */
export function teacherLayerFor(studentLayer: number, studentLayers: number, teacherLayers: number): number {
  const aim = Math.round(((studentLayer + 1) * teacherLayers) / studentLayers - 1);
  return Math.min(teacherLayers - 1, Math.max(0, aim));
}

/** Attention probabilities pair only as they are: a matcher cannot bridge head counts. The batch axis is not compared. */
function sameAttentionShape(student: ShapedTensor, teacher: ShapedTensor): boolean {
  return student.shape.length === teacher.shape.length && student.shape.every((d, i) => i === 0 || d === teacher.shape[i]);
}

/**
 * Intermediate-layer distillation of a transformer: every student layer learns the outputs
 * and the attention probabilities of the teacher layer at the same relative depth, MSE with
 * weight 1 each, plus the logits (TRANSFORMER_MAPPING_RULE). Pairs whose shapes no matcher
 * bridges are left out.
 */
function proposeTransformerMappings(student: ModelDescription, teacher: ModelDescription, studentLayers: TransformerLayer[], teacherLayers: TransformerLayer[]): ProposedLayerMapping[] {
  const mappings: ProposedLayerMapping[] = [];
  studentLayers.forEach((studentLayer, j) => {
    const teacherLayer = teacherLayers[teacherLayerFor(j, studentLayers.length, teacherLayers.length)]!;
    if (studentLayer.output && teacherLayer.output && bridgeable(studentLayer.output, teacherLayer.output)) {
      mappings.push({ student: studentLayer.output.name, teacher: teacherLayer.output.name, loss: 'MSE', weight: 1, pairs: 'layer outputs' });
    }
    if (sameAttentionShape(studentLayer.attentionProbs, teacherLayer.attentionProbs)) {
      mappings.push({ student: studentLayer.attentionProbs.name, teacher: teacherLayer.attentionProbs.name, loss: 'MSE', weight: 1, pairs: 'attention probabilities' });
    }
  });
  const studentLogits = logitsOf(student);
  const teacherLogits = logitsOf(teacher);
  if (studentLogits && teacherLogits) mappings.push({ student: studentLogits, teacher: teacherLogits, loss: 'MSE', weight: 1, pairs: 'logits' });
  return mappings;
}

/** The transformer proposal when both models are transformers, else the block proposal. */
export function proposeLayerMappings(student: ModelDescription, teacher: ModelDescription): ProposedLayerMapping[] {
  const studentLayers = transformerLayers(student);
  const teacherLayers = transformerLayers(teacher);
  if (studentLayers.length > 0 && teacherLayers.length > 0) return proposeTransformerMappings(student, teacher, studentLayers, teacherLayers);
  return proposeBlockMappings(student, teacher);
}

/** The rule that produced `mappings`, for the comment above them in the written config. */
export function layerMappingRule(mappings: readonly ProposedLayerMapping[]): string {
  if (!mappings.some((m) => m.pairs !== undefined)) return LAYER_MAPPING_RULE;
  const layerPairs = mappings.filter((m) => m.pairs === 'layer outputs').length;
  const attentionPairs = mappings.filter((m) => m.pairs === 'attention probabilities').length;
  if (attentionPairs >= layerPairs) return TRANSFORMER_MAPPING_RULE;
  const missing = layerPairs - attentionPairs;
  return `${TRANSFORMER_MAPPING_RULE} Attention probabilities pair only when their shapes agree (the same number of heads and `
    + `sequence length; no matcher bridges them): here ${missing} of the ${layerPairs} layer pairs have none because the shapes differ.`;
}

function stageKey(tensor: ShapedTensor): string {
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
