/** `distq train CONFIG`: FP32 training of a classifier (it makes teachers). */
import * as path from 'node:path';
import type { LoadedConfig } from '../config/loadConfig.ts';
import { resolveConfigPath } from '../config/loadConfig.ts';
import { loadData } from '../data/loadData.ts';
import { batchCount } from '../data/batches.ts';
import { writeModel } from '../onnx/modelFile.ts';
import { RunFolder } from '../run/runFolder.ts';
import { buildEvaluationGraph, buildTrainingGraph, labelsInput } from '../training/trainingGraph.ts';
import { crossEntropyWithLabels } from '../losses/crossEntropy.ts';
import { findTrainableParameters, takesWeightDecay, withParameterValues } from '../training/parameters.ts';
import { TrainStepSession } from '../training/trainStep.ts';
import { ClassifierEvaluator } from '../training/evaluate.ts';
import { runTrainingLoop } from '../training/trainer.ts';
import type { EpochSummary } from '../../contracts/runFiles.ts';
import { bindModelInputs, loadModelForTraining } from '../models/loadStudentModel.ts';
import { prepareForTraining } from '../models/prepareModel.ts';
import type { Reporter } from './reporter.ts';
import { checkLabelsInRange } from '../models/labelRange.ts';
import { checkBatchSizes } from '../training/batchLimits.ts';

export interface TrainReport {
  runFolder: string;
  modelPath: string;
  history: EpochSummary[];
  testAccuracy: number;
  seconds: number;
  parameterCount: number;
}

export async function trainFromConfig(loaded: LoadedConfig, reporter: Reporter): Promise<TrainReport> {
  const started = performance.now();
  const { config } = loaded;
  const resolve = (p: string): string => resolveConfigPath(loaded, p);
  const data = loadData(config.data, resolve);
  const source = bindModelInputs(loadModelForTraining(resolve(config.model.path), config.model.input, config.model.output), data.train, data.description);
  checkLabelsInRange(source, data);
  checkBatchSizes(data.train, { 'training.batchSize': config.training.batchSize, 'training.evalBatchSize': config.training.evalBatchSize });
  reporter.log(`model ${path.relative(process.cwd(), source.path)}; data ${data.description}`);

  const model = await prepareForTraining(source.model, source.inputNames);
  const trainable = findTrainableParameters(model);
  const parameterCount = trainable.reduce((n, name) => n + model.graph.initializers.get(name)!.data.length, 0);
  reporter.log(`${trainable.length} parameter tensors, ${parameterCount.toLocaleString('en-US')} weights`);
  const graph = buildTrainingGraph(model, {
    logits: source.logitsName,
    trainable,
    extraInputs: [labelsInput()],
    addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, source.logitsName, labelsInput().name, data.train.classCount), weight: 1 }],
  });
  const sessionOptions = { threads: config.training.threads };
  const step = await TrainStepSession.create(graph, model.graph.initializers, sessionOptions);
  const evaluator = await ClassifierEvaluator.create(buildEvaluationGraph(model, trainable, [source.logitsName]), source.inputNames, source.logitsName, sessionOptions);
  const parameterFeeds = step.parameterFeeds();

  const run = RunFolder.create(resolve(config.output.runsFolder), config.name);
  run.writeConfigCopy(loaded.text);
  reporter.log(`run folder ${path.relative(process.cwd(), run.folder)}`);
  const stepsPerEpoch = batchCount(data.train.count, config.training.batchSize);
  const { history } = await runTrainingLoop({
    step,
    inputNames: source.inputNames,
    train: data.train,
    training: config.training,
    decayed: new Set(trainable.filter((name) => takesWeightDecay(model, name))),
    evaluate: async () => ({ fp32: (await evaluator.evaluate(data.test, config.training.evalBatchSize, parameterFeeds)).accuracy }),
    hooks: [{
      onStepEnd: (info, result) => reporter.progress({ phase: 'train', epoch: info.epoch + 1, epochs: config.training.epochs, step: info.step + 1, steps: stepsPerEpoch, loss: result.totalLoss }),
      onEpochEnd: (summary) => reporter.log(`epoch ${summary.epoch + 1}/${config.training.epochs}: loss ${summary.trainLoss.toFixed(4)}, test accuracy ${(100 * summary.accuracy.fp32!).toFixed(2)} %`),
    }],
    onMetrics: (record) => {
      run.appendMetrics(record);
      reporter.metrics(record);
    },
  });
  const trained = withParameterValues(model, graph.parameters, step.parameterValues);
  const modelPath = config.output.model ? resolve(config.output.model) : path.join(loaded.folder, `${config.name}.trained.onnx`);
  writeModel(trained, modelPath);
  run.writeModel('trainedFp32', trained);
  const testAccuracy = history[history.length - 1]?.accuracy.fp32 ?? 0;
  const seconds = (performance.now() - started) / 1000;
  run.writeSummary({ kind: 'train', name: config.name, model: modelPath, accuracy: { fp32: testAccuracy }, epochs: history, seconds, parameterCount });
  await step.release();
  await evaluator.release();
  return { runFolder: run.folder, modelPath, history, testAccuracy, seconds, parameterCount };
}
