/**
 * Labels must index the model's classes. A label past them would otherwise surface much later as a
 * broadcast error deep in the loss graph ("cannot broadcast [N, 100] and [N, 10]"); this names the
 * data, the first bad label and the model's class count before any graph is built.
 */
import type { Dataset } from '../data/dataset.ts';
import type { TrainTestData } from '../data/loadData.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';
import type { LoadedModel } from './loadStudentModel.ts';

/** The size of the logits' last dimension, when the model states it or shape inference finds it. */
export function modelClassCount(loaded: LoadedModel): number | undefined {
  const graph = loaded.model.graph;
  const declared = graph.outputs.find((output) => output.name === loaded.logitsName)?.shape;
  const last = (shape: readonly (number | string)[] | undefined): number | undefined => {
    const dim = shape?.[shape.length - 1];
    return typeof dim === 'number' && dim > 0 ? dim : undefined;
  };
  const stated = last(declared ?? undefined);
  if (stated !== undefined) return stated;
  try {
    return last(inferShapes(graph, defaultOpset(loaded.model)).get(loaded.logitsName)?.shape ?? undefined);
  } catch {
    return undefined;
  }
}

/** Throws naming the label source, the first label outside [0, classes), its index and the model's class count. */
export function checkLabelsInRange(loaded: LoadedModel, data: Pick<TrainTestData, 'train' | 'test' | 'labelSources'>): void {
  const classes = modelClassCount(loaded);
  if (classes === undefined) return;
  const check = (dataset: Dataset, source: string): void => {
    const index = dataset.labels.findIndex((label) => label < 0 || label >= classes);
    if (index < 0) return;
    throw new Error(`${source}: label ${dataset.labels[index]} at index ${index} is outside the ${classes} classes of ${loaded.path} (logits '${loaded.logitsName}'); labels must be 0 to ${classes - 1}`);
  };
  check(data.train, data.labelSources.train);
  check(data.test, data.labelSources.test);
}
