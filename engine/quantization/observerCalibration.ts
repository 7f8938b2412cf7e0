/**
 * Calibration: runs the float model forward (no fake quantization) over the first batches of a
 * dataset and feeds each observed activation's observer: the batch min/max for every kind, and
 * the batch's values too for percentile observers. Independent of the trainer.
 */
import type { Dataset } from '../data/dataset.ts';
import { iterateBatches } from '../data/batches.ts';
import { makeValueInfo } from '../onnx/builder.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { DataType } from '../onnx/dataType.ts';
import type { Model } from '../onnx/ir.ts';
import { createSession, floatTensor, tensorFloats } from '../runtime/session.ts';
import type { ActivationObserver } from './observers.ts';
import { appendRangeStatistics } from './observerStatistics.ts';

export interface CalibrationOptions {
  /** The float model; it is not changed. */
  model: Model;
  /** Its one data input, fed the dataset's one input. */
  inputName: string;
  dataset: Dataset;
  batchSize: number;
  /** Batches to run; fewer when the dataset has fewer. */
  batchCount: number;
  /** Activation tensor name → its observer. */
  observers: ReadonlyMap<string, ActivationObserver>;
  /** Default false: the dataset's first examples, in order. With `seed`, a seeded shuffle. */
  shuffle?: boolean;
  seed?: number;
  threads?: number;
}

export interface CalibrationSummary {
  batches: number;
  examples: number;
}

export async function calibrateActivationRanges(options: CalibrationOptions): Promise<CalibrationSummary> {
  const { inputName, dataset, batchCount, observers } = options;
  if (!Number.isInteger(batchCount) || batchCount < 1) throw new Error(`calibration: batch count ${batchCount} must be a positive integer`);
  const [dataInput, ...otherData] = dataset.inputs;
  if (!dataInput || otherData.length > 0 || !(dataInput.values instanceof Float32Array)) throw new Error(`calibration: the dataset must have one float input; it has ${dataset.inputs.map((i) => `'${i.name}'`).join(', ')}`);
  const model = cloneModel(options.model);
  const dataInputs = model.graph.inputs.filter((i) => !model.graph.initializers.has(i.name));
  if (!dataInputs.some((i) => i.name === inputName)) throw new Error(`calibration: model '${model.graph.name}' has no input '${inputName}'`);
  const others = dataInputs.filter((i) => i.name !== inputName).map((i) => i.name);
  if (others.length > 0) throw new Error(`calibration: model '${model.graph.name}' needs inputs besides '${inputName}': ${others.join(', ')}`);

  const statistics = appendRangeStatistics(model, [...observers.keys()]);
  // Only the statistics (and the values percentile observers need) are fetched; ONNX Runtime skips the rest.
  const wantsValues = (tensor: string): boolean => observers.get(tensor)!.kind === 'percentile' && tensor !== inputName;
  model.graph.outputs = statistics.flatMap((s) => [makeValueInfo(s.min, DataType.FLOAT, []), makeValueInfo(s.max, DataType.FLOAT, [])]);
  for (const s of statistics) if (wantsValues(s.tensor)) model.graph.outputs.push(makeValueInfo(s.tensor, DataType.FLOAT));

  const session = await createSession(model, { threads: options.threads ?? 1 });
  let batches = 0;
  let examples = 0;
  try {
    for (const batch of iterateBatches(dataset, { batchSize: options.batchSize, seed: options.seed ?? 0, epoch: 0, shuffle: options.shuffle ?? false })) {
      if (batches === batchCount) break;
      const values = batch.inputs[0]!.values as Float32Array;
      const outputs = await session.run({ [inputName]: floatTensor(values, [batch.size, ...dataInput.shape]) });
      for (const s of statistics) {
        const observer = observers.get(s.tensor)!;
        observer.observeMinMax(tensorFloats(outputs[s.min], s.min)[0]!, tensorFloats(outputs[s.max], s.max)[0]!);
        if (observer.kind === 'percentile') observer.observeValues(s.tensor === inputName ? values : tensorFloats(outputs[s.tensor], s.tensor));
      }
      batches += 1;
      examples += batch.size;
    }
  } finally {
    await session.release();
  }
  return { batches, examples };
}
