/**
 * The New Config wizard reads the student before it writes the training settings: a trained model
 * gets a short fine-tune at a small learning rate, an untrained one (scoring near chance) a
 * from-scratch schedule. No `vscode` here: unit-tested in Node.
 */
import type { EvaluateModelParams, ModelEvaluation } from '../../contracts/engineProtocol.ts';
import type { JsonValue } from './jsoncWriter.ts';
import { oneLine } from '../engine/engineErrors.ts';
import { formatAccuracy } from '../liveRun/runMessages.ts';

/** The contract between the wizard and the engine client (the engine's `model/evaluate`). */
export interface ModelEvaluationSource {
  /** Rejects with a one-line cause. */
  evaluate(params: EvaluateModelParams): Promise<ModelEvaluation>;
}

/** Enough test examples to tell chance from training, few enough to answer in about a second on MNIST. */
export const STUDENT_EVALUATION_EXAMPLES = 1000;

/** What the wizard learned about the student: its evaluation, or why there is none. */
export type StudentReading = { evaluation: ModelEvaluation } | { unavailable: string };

export async function readStudent(modelPath: string, data: EvaluateModelParams['data'], source: ModelEvaluationSource, isTrusted: () => boolean): Promise<StudentReading> {
  if (!isTrusted()) return { unavailable: 'the workspace is not trusted, so DistQ did not run it' };
  try {
    return { evaluation: await source.evaluate({ modelPath, data, maxExamples: STUDENT_EVALUATION_EXAMPLES }) };
  } catch (error) {
    return { unavailable: oneLine(error) };
  }
}

/** What guessing scores: one class in `classCount`, or always the most common label when that scores more. */
export function chanceAccuracy(evaluation: Pick<ModelEvaluation, 'classCount' | 'majorityShare'>): number {
  return Math.max(evaluation.classCount > 0 ? 1 / evaluation.classCount : 0, evaluation.majorityShare);
}

/**
 * Untrained: less than a quarter of the way from chance to perfect (on 10 balanced classes, below
 * about 32 %). A trained model is far above; a model this close to guessing has learned next to nothing.
 */
export function scoresNearChance(evaluation: ModelEvaluation): boolean {
  const chance = chanceAccuracy(evaluation);
  return evaluation.accuracy < chance + 0.25 * (1 - chance);
}

/** QAT of a trained model: a few epochs at a small learning rate keep what it learned. */
const FINE_TUNE: JsonValue = { epochs: 3, batchSize: 64, optimizer: { kind: 'sgd', learningRate: 0.01, momentum: 0.9 }, schedule: { kind: 'cosine' }, seed: 0 };

/** Training from scratch with fake quantization, as examples/mnist/small-*.distq.json train the untrained small CNN. */
const FROM_SCRATCH: JsonValue = {
  epochs: 8,
  batchSize: 64,
  optimizer: { kind: 'sgd', learningRate: 0.05, momentum: 0.9, weightDecay: 0.0005 },
  schedule: { kind: 'cosine', warmupSteps: 50 },
  seed: 0,
};

/** The training section and its comment, saying why this schedule. */
export function trainingForStudent(reading: StudentReading): { value: JsonValue; comment: string } {
  if ('unavailable' in reading) {
    return {
      value: FINE_TUNE,
      comment: `Training: a short fine-tune, assuming the student is trained: DistQ could not evaluate it (${reading.unavailable}). If it is untrained, train from scratch instead: about 8 epochs at learning rate 0.05 with warmupSteps 50, as examples/mnist/small-*.distq.json do.`,
    };
  }
  const { evaluation } = reading;
  const scored = `the student scores ${formatAccuracy(evaluation.accuracy)} on ${evaluation.examples.toLocaleString('en-US')} test examples`;
  const chance = `chance for ${evaluation.classCount} classes is ${formatAccuracy(chanceAccuracy(evaluation))}`;
  if (scoresNearChance(evaluation)) {
    return {
      value: FROM_SCRATCH,
      comment: `Training from scratch: ${scored}, near chance (${chance}), so it looks untrained. More epochs, a larger learning rate and a warm-up, as examples/mnist/small-*.distq.json train an untrained student.`,
    };
  }
  return {
    value: FINE_TUNE,
    comment: `Training: a short fine-tune from the model's own weights (${scored}; ${chance}); a small learning rate suits QAT of a trained model.`,
  };
}
