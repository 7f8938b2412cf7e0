/** Reads a config's model, checks it and resolves its input and logits names. */
import { readModel } from '../onnx/modelFile.ts';
import { checkModel } from '../onnx/checker.ts';
import { UnsupportedOpError } from '../onnx/errors.ts';
import type { Model } from '../onnx/ir.ts';
import { nearestName } from '../config/schemaBuilder.ts';

export interface LoadedModel {
  model: Model;
  path: string;
  inputName: string;
  logitsName: string;
}

export function loadModelForTraining(modelPath: string, input: string | undefined, output: string | undefined): LoadedModel {
  const model = readModel(modelPath);
  try {
    checkModel(model, { source: modelPath });
  } catch (error) {
    // An unsupported op is reported by node; with a teacher and a student, the file matters too.
    if (error instanceof UnsupportedOpError) error.message = `${modelPath}: ${error.message}`;
    throw error;
  }
  const graph = model.graph;
  const inputs = graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name);
  const outputs = graph.outputs.map((o) => o.name);
  const inputName = input ?? inputs[0];
  const logitsName = output ?? outputs[0];
  if (!inputName) throw new Error(`${modelPath}: the model has no input`);
  if (!logitsName) throw new Error(`${modelPath}: the model has no output`);
  if (!inputs.includes(inputName)) throw new Error(`${modelPath}: the model has no input '${inputName}'${hint(inputName, inputs)}`);
  if (!outputs.includes(logitsName)) throw new Error(`${modelPath}: the model has no output '${logitsName}'${hint(logitsName, outputs)}`);
  return { model, path: modelPath, inputName, logitsName };
}

function hint(name: string, known: string[]): string {
  const nearest = nearestName(name, known);
  return nearest ? `; did you mean '${nearest}'? (inputs/outputs: ${known.join(', ')})` : ` (it has: ${known.join(', ')})`;
}

/** Checks that a dataset's example shape fits the model's input (the batch dim aside). */
export function checkInputShape(loaded: LoadedModel, exampleShape: readonly number[], dataDescription: string): void {
  const declared = loaded.model.graph.inputs.find((i) => i.name === loaded.inputName)?.shape;
  if (!declared) return;
  const modelExample = declared.slice(1);
  const fits = modelExample.length === exampleShape.length && modelExample.every((d, i) => typeof d !== 'number' || d === exampleShape[i]);
  if (!fits) {
    throw new Error(`${loaded.path}: input '${loaded.inputName}' takes examples of shape [${modelExample.join(', ')}], but ${dataDescription} has examples of shape [${exampleShape.join(', ')}]`);
  }
}
