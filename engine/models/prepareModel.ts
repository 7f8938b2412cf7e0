/** Turns an imported model into the form training needs: constants folded, a symbolic batch dim. */
import type { Model } from '../onnx/ir.ts';
import { cloneModelWithData } from '../onnx/cloneModel.ts';
import { foldConstants } from '../onnx/passes/foldConstants.ts';

/** `inputNames`: the inputs that take data; their first dim (and every output's) becomes the batch dim `N`. */
export async function prepareForTraining(source: Model, inputNames: readonly string[]): Promise<Model> {
  const model = cloneModelWithData(source);
  // Exporters often fix the batch size; training feeds any batch size, including a last partial batch.
  for (const input of model.graph.inputs) if (inputNames.includes(input.name) && input.shape && input.shape.length > 0) input.shape[0] = 'N';
  for (const output of model.graph.outputs) if (output.shape && output.shape.length > 0) output.shape[0] = 'N';
  await foldConstants(model);
  return model;
}
