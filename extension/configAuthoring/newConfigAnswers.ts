/**
 * The answers of the New Config wizard. Integration tests pass them whole as the
 * command's second argument, so the command runs without any UI:
 *
 *   vscode.commands.executeCommand('distq.newConfig', undefined, { answers: {
 *     teacher: '/abs/cnn.onnx',              // absolute path of the teacher .onnx
 *     student: 'same',                       // 'same' (pure QAT of the teacher) or an absolute .onnx path
 *     data: { kind: 'mnist' },               // or { kind: 'npz', path },
 *                                            // { kind: 'npy', trainInputs, trainLabels, testInputs, testLabels },
 *                                            // { kind: 'spamassassin' } (built-in ham/spam mail, tokenized)
 *                                            // or { kind: 'tokens', path } (a token .npz); absolute paths
 *     distillation: 'intermediate',          // 'kd' | 'intermediate' | 'self' | 'none'
 *     precision: { weightBits: 8, activationBits: 8 },
 *     file: '/abs/folder/name.distq.json',   // optional; default <student name>.distq.json beside the student
 *   } })
 *
 * The command resolves to the written config's Uri (undefined when cancelled).
 */
import { isSupportedBits, MAX_BITS, MIN_BITS } from '../../contracts/quantizationScheme.ts';

export type DistillationKind = 'kd' | 'intermediate' | 'self' | 'none';

export type DataAnswer =
  | { kind: 'mnist' }
  | { kind: 'npz'; path: string }
  | { kind: 'npy'; trainInputs: string; trainLabels: string; testInputs: string; testLabels: string }
  | { kind: 'spamassassin' }
  | { kind: 'tokens'; path: string };

export interface PrecisionAnswer {
  weightBits: number;
  activationBits: number;
}

export interface NewConfigAnswers {
  teacher: string;
  /** `same`, or the absolute path of another model. */
  student: string;
  data: DataAnswer;
  distillation: DistillationKind;
  precision: PrecisionAnswer;
  file?: string;
}

export const SAME_AS_TEACHER = 'same';

export const DISTILLATION_KINDS: readonly DistillationKind[] = ['kd', 'intermediate', 'self', 'none'];

export const DATA_KINDS: readonly DataAnswer['kind'][] = ['mnist', 'npz', 'npy', 'spamassassin', 'tokens'];

/** The file fields each data kind needs: absolute paths the config then names relative to itself. */
const DATA_FILE_FIELDS: Record<DataAnswer['kind'], readonly string[]> = {
  mnist: [],
  npz: ['path'],
  npy: ['trainInputs', 'trainLabels', 'testInputs', 'testLabels'],
  spamassassin: [],
  tokens: ['path'],
};

/** The student's absolute path. */
export function studentPathOf(answers: Pick<NewConfigAnswers, 'teacher' | 'student'>): string {
  return answers.student === SAME_AS_TEACHER ? answers.teacher : answers.student;
}

/** Whether a distillation kind reads the teacher. */
export function usesTeacher(kind: DistillationKind): boolean {
  return kind === 'kd' || kind === 'intermediate';
}

/** A config name the schema accepts (`^[A-Za-z0-9._-]+$`), from a file name. */
export function configNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.distq\.json$/i, '').replace(/\.json$/i, '');
  const name = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return name || 'distq';
}

/** Checks test-seam answers, naming the first bad field. */
export function answersProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'answers must be an object';
  const answers = value as Partial<Record<keyof NewConfigAnswers, unknown>>;
  if (typeof answers.teacher !== 'string' || !answers.teacher) return 'answers.teacher must be a model path';
  if (typeof answers.student !== 'string' || !answers.student) return "answers.student must be 'same' or a model path";
  const data = answers.data as Record<string, unknown> | undefined;
  const kind = DATA_KINDS.find((k) => k === data?.kind);
  if (!data || !kind) return `answers.data.kind must be one of ${DATA_KINDS.join(', ')}`;
  const missingFile = DATA_FILE_FIELDS[kind].find((field) => typeof data[field] !== 'string' || !data[field]);
  if (missingFile) return `answers.data.${missingFile} must be a file path (data kind '${kind}')`;
  if (!DISTILLATION_KINDS.includes(answers.distillation as DistillationKind)) return `answers.distillation must be one of ${DISTILLATION_KINDS.join(', ')}`;
  const precision = answers.precision as Partial<PrecisionAnswer> | undefined;
  if (!precision || !isSupportedBits(precision.weightBits) || !isSupportedBits(precision.activationBits)) return `answers.precision needs weightBits and activationBits from ${MIN_BITS} to ${MAX_BITS}`;
  if (answers.file !== undefined && (typeof answers.file !== 'string' || !answers.file.endsWith('.distq.json'))) return 'answers.file must end in .distq.json';
  return undefined;
}
