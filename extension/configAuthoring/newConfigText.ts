/** The text of a new `*.distq.json`, from the wizard's answers and the proposed mappings. */
import * as path from 'node:path';
import { CommentedObject, renderJsonc, type CommentedProperty, type JsonValue } from './jsoncWriter.ts';
import { layerMappingRule, SELF_MAPPING_RULE, type ProposedLayerMapping, type ProposedSelfMapping } from './mappingProposal.ts';
import { precisionLabel } from '../../contracts/quantizationScheme.ts';
import { configNameFromFile, studentPathOf, usesTeacher, type DataAnswer, type DistillationKind, type NewConfigAnswers } from './newConfigAnswers.ts';
import { relativeConfigPath, type PathApi } from './relativePath.ts';
import { trainingForStudent, type StudentReading } from './studentReading.ts';

export interface MappingProposal {
  layerMappings?: ProposedLayerMapping[];
  selfMappings?: ProposedSelfMapping[];
  /** Why no mappings were proposed (an untrusted workspace, a model the engine could not read). */
  unavailable?: string;
}

const DISTILLATION_COMMENTS: Record<DistillationKind, string> = {
  kd: 'Knowledge distillation: the student learns from the labels and from the teacher\'s softened logits (KL at temperature T, multiplied by T²).',
  intermediate: 'Intermediate-layer distillation: mapped student tensors learn to match teacher tensors.',
  self: 'Self-distillation: the student\'s own final logits teach its shallower blocks; no teacher is read. With its defaults (heads warmed up first, their terms kept below the labels\' loss and let into the backbone as far as each head has learned) it matched plain QAT on a trained ResNet-8 at W8A8 and W4A4, within the noise of 3 seeds, without beating it; on a small CNN trained from scratch with 1,000 labels it did not beat plain QAT either. It is worth trying for a deeper student trained from scratch; with a teacher, kd is what helped. See docs/distillation.md.',
  none: 'Plain QAT: no teacher, the student learns from the labels only.',
};

/** The engine's SpamAssassin defaults, written out so the numbers the model must fit are in view. */
const SPAM_ASSASSIN_VOCAB_SIZE = 4096;
const SPAM_ASSASSIN_SEQUENCE_LENGTH = 128;

/** The config's data section; `relative` writes each file's path (relative to the config, or as it is for the engine's model/evaluate). */
export function dataValue(data: DataAnswer, relative: (file: string) => string): { kind: DataAnswer['kind'] } & { [setting: string]: JsonValue } {
  switch (data.kind) {
    case 'mnist':
      return { kind: 'mnist' };
    case 'npz':
      return { kind: 'npz', path: relative(data.path) };
    case 'npy':
      return { kind: 'npy', trainInputs: relative(data.trainInputs), trainLabels: relative(data.trainLabels), testInputs: relative(data.testInputs), testLabels: relative(data.testLabels) };
    case 'spamassassin':
      return { kind: 'spamassassin', vocabSize: SPAM_ASSASSIN_VOCAB_SIZE, sequenceLength: SPAM_ASSASSIN_SEQUENCE_LENGTH };
    case 'tokens':
      return { kind: 'tokens', path: relative(data.path) };
  }
}

function dataComment(data: DataAnswer): string {
  switch (data.kind) {
    case 'mnist':
      return 'Data: the built-in MNIST digits (8,000 for training, 2,000 for testing).';
    case 'npz':
      return 'Data: arrays x_train, y_train, x_test, y_test of one .npz file (rename them here if yours differ; inputScale rescales inputs).';
    case 'npy':
      return 'Data: four .npy files, inputs shaped [count, ...example shape] and integer labels shaped [count].';
    case 'spamassassin':
      return 'Data: the built-in SpamAssassin mail, ham (0) vs spam (1), 4,840 messages for training and 1,206 for testing, tokenized into int64 input_ids and attention_mask. The model\'s embedding table needs vocabSize rows and its inputs sequenceLength positions.';
    case 'tokens':
      return 'Data: one .npz of token ids, masks and labels tokenized elsewhere: train_input_ids, train_attention_mask, train_labels and the same for test_. An optional vocabSize gives the rows of the model\'s embedding table (default: the largest id + 1).';
  }
}

/** A mapping as the config holds it: the weight only when the proposal set one. */
function layerMappingValue(mapping: ProposedLayerMapping): JsonValue {
  const { student, teacher, loss, weight } = mapping;
  return weight === undefined ? { student, teacher, loss } : { student, teacher, loss, weight };
}

function distillationSection(kind: DistillationKind, proposal: MappingProposal): CommentedObject {
  const properties: CommentedProperty[] = [{ key: 'kind', value: kind }];
  if (kind === 'kd') {
    properties.push({ key: 'temperature', value: 2 }, { key: 'lossTypes', value: ['CE', 'KL'], comment: '[student vs labels, student vs teacher]' }, { key: 'lossWeights', value: [0.5, 0.5] });
  }
  if (kind === 'intermediate') {
    const layerMappings = proposal.layerMappings ?? [];
    properties.push({
      key: 'layerMappings',
      value: layerMappings.map(layerMappingValue),
      comment: proposal.unavailable ? `Fill in pairs of tensor names (student, teacher): ${proposal.unavailable}` : layerMappingRule(layerMappings),
    });
    properties.push({ key: 'addOriginLoss', value: true, comment: 'Also learn from the labels.' });
  }
  if (kind === 'self') {
    properties.push({ key: 'temperature', value: 2 });
    properties.push({
      key: 'selfMappings',
      value: (proposal.selfMappings ?? []).map((m) => ({ shallow: m.shallow, deep: m.deep, loss: m.loss })),
      comment: proposal.unavailable ? `Fill in pairs of student tensor names (shallow, deep): ${proposal.unavailable}` : SELF_MAPPING_RULE,
    });
  }
  return new CommentedObject(properties);
}

/** The config file's text; `file` is the absolute path it will be written to; `student` decides the training schedule. */
export function newConfigText(answers: NewConfigAnswers & { file: string }, proposal: MappingProposal, student: StudentReading, paths: PathApi & Pick<typeof path, 'dirname' | 'basename'> = path): string {
  const folder = paths.dirname(answers.file);
  const studentPath = studentPathOf(answers);
  const sameModel = studentPath === answers.teacher;
  const withTeacher = usesTeacher(answers.distillation);
  const precision = precisionLabel(answers.precision.weightBits, answers.precision.activationBits);
  const studentFile = paths.basename(studentPath);
  const teacherFile = paths.basename(answers.teacher);

  const summary = withTeacher
    ? `QAT of ${studentFile} at ${precision} with ${answers.distillation === 'kd' ? 'knowledge' : 'intermediate-layer'} distillation from ${sameModel ? 'its own full-precision copy' : teacherFile}.`
    : `QAT of ${studentFile} at ${precision}${answers.distillation === 'self' ? ' with self-distillation' : ''}.`;
  const header = [
    `DistQ config: ${summary}`,
    'Written by "DistQ: New Distillation-for-Quantization Config". Paths are relative to this file; hover a setting for its description.',
    'Run it with "DistQ: Run QAT + Distillation" (or the Run lens above).',
  ];

  const properties: CommentedProperty[] = [
    { key: 'name', value: configNameFromFile(paths.basename(answers.file)), comment: 'Run folders are named after it (runs/NAME-TIMESTAMP).' },
    { key: 'model', value: { path: relativeConfigPath(folder, studentPath, paths) }, comment: 'The student: trained with fake quantization, then exported as an INT8 QDQ model.' },
  ];
  if (withTeacher) {
    properties.push({
      key: 'teacher',
      value: { path: relativeConfigPath(folder, answers.teacher, paths) },
      comment: sameModel ? 'The teacher: the same model in full precision (it stays FP32 and is never trained).' : 'The teacher: full precision, never trained.',
    });
  }
  properties.push({ key: 'data', value: dataValue(answers.data, (file) => relativeConfigPath(folder, file, paths)), comment: dataComment(answers.data) });
  properties.push({ key: 'distillation', value: distillationSection(answers.distillation, proposal), comment: DISTILLATION_COMMENTS[answers.distillation] });
  properties.push({
    key: 'quantization',
    value: { weights: { bits: answers.precision.weightBits }, activations: { bits: answers.precision.activationBits }, calibrationBatches: 8 },
    comment: `${precision}: ${answers.precision.weightBits}-bit weights (symmetric, per channel), ${answers.precision.activationBits}-bit activations (per tensor), ranges calibrated on 8 batches first.`,
  });
  properties.push({ key: 'training', ...trainingForStudent(student) });
  return renderJsonc(header, new CommentedObject(properties));
}
