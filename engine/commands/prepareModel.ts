/** Turns an imported model into the form training needs: constants folded, a symbolic batch dim. */
import type { Model } from '../onnx/ir.ts';
import { cloneModelWithData } from '../onnx/cloneModel.ts';
import { foldConstants } from '../onnx/passes/foldConstants.ts';

export async function prepareForTraining(source: Model, inputName: string): Promise<Model> {
  const model = cloneModelWithData(source);
  const input = model.graph.inputs.find((i) => i.name === inputName);
  // Exporters often fix the batch size; training feeds any batch size, including a last partial batch.
  if (input?.shape && input.shape.length > 0) input.shape[0] = 'N';
  for (const output of model.graph.outputs) if (output.shape && output.shape.length > 0) output.shape[0] = 'N';
  await foldConstants(model);
  return model;
}
