/**
 * The `model/evaluate` request: a model's full-precision accuracy on part of the test data of a
 * config's data section, so the New Config wizard can tell a trained student from an untrained one.
 */
import * as path from 'node:path';
import { dataSection } from '../config/distqConfig.ts';
import { TRAINING_DEFAULTS } from '../config/effectiveSections.ts';
import { parseSection } from '../config/loadConfig.ts';
import { classCounts } from '../data/dataset.ts';
import { loadData, spreadSubset } from '../data/loadData.ts';
import { bindModelInputs, loadModelForTraining } from '../models/loadStudentModel.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import type { EvaluateModelParams, ModelEvaluation } from '../../contracts/engineProtocol.ts';

export async function evaluateModel(params: EvaluateModelParams): Promise<ModelEvaluation> {
  if (!Number.isInteger(params.maxExamples) || params.maxExamples < 1) throw new Error(`model/evaluate: maxExamples must be a whole number of at least 1, not ${params.maxExamples}`);
  const data = loadData(parseSection(dataSection, params.data, 'data', 'model/evaluate'), (file) => path.resolve(file));
  const test = spreadSubset(data.test, params.maxExamples);
  const model = bindModelInputs(loadModelForTraining(path.resolve(params.modelPath), undefined, undefined), test, data.description);
  const evaluator = await ClassifierEvaluator.create(model.model, model.inputNames, model.logitsName, { threads: TRAINING_DEFAULTS.threads });
  try {
    const { accuracy, count } = await evaluator.evaluate(test, TRAINING_DEFAULTS.evalBatchSize);
    const majority = Math.max(0, ...classCounts(test));
    return { accuracy, examples: count, classCount: data.train.classCount, majorityShare: count === 0 ? 0 : majority / count };
  } finally {
    await evaluator.release();
  }
}
