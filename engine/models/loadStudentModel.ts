/** Reads a config's model, checks it, resolves its input and logits names and binds its inputs to the data. */
import { readModel } from '../onnx/modelFile.ts';
import { checkModel } from '../onnx/checker.ts';
import { OLDEST_READABLE_OPSET, UnsupportedOpError, UnsupportedOpsetError } from '../onnx/errors.ts';
import { upgradeToOpset13 } from '../onnx/passes/upgradeToOpset13.ts';
import { DataType, dataTypeName } from '../onnx/dataType.ts';
import { defaultOpset, type Graph, type Model, type ValueInfo } from '../onnx/ir.ts';
import { likelyMeantName } from '../../contracts/nearestName.ts';
import { describeShape, type Dataset } from '../data/dataset.ts';

export interface LoadedModel {
  model: Model;
  path: string;
  /**
   * The model inputs that take data. After `bindModelInputs`, entry i takes the dataset's input i;
   * before, the model's data inputs in graph order (or the one input the config names).
   */
  inputNames: string[];
  logitsName: string;
}

/** A model at an opset DistQ's graphs are built on: 11 and 12 upgraded (in place) to 13, older ones refused. */
export function atTrainableOpset(model: Model, source: string): Model {
  const opset = defaultOpset(model);
  if (opset < OLDEST_READABLE_OPSET) throw new UnsupportedOpsetError(source, opset, OLDEST_READABLE_OPSET);
  // The training graphs are DistQ's own: an exporter's opset 11 or 12 model trains (and exports) at 13.
  return upgradeToOpset13(model);
}

export function loadModelForTraining(modelPath: string, input: string | undefined, output: string | undefined): LoadedModel {
  const model = atTrainableOpset(readModel(modelPath), modelPath);
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
  const logitsName = output ?? outputs[0];
  if (inputs.length === 0) throw new Error(`${modelPath}: the model has no input`);
  if (!logitsName) throw new Error(`${modelPath}: the model has no output`);
  if (input !== undefined && !inputs.includes(input)) throw new Error(`${modelPath}: the model has no input '${input}'${hint(input, inputs)}`);
  if (!outputs.includes(logitsName)) throw new Error(`${modelPath}: the model has no output '${logitsName}'${hint(logitsName, outputs)}`);
  return { model, path: modelPath, inputNames: input !== undefined ? [input] : inputs, logitsName };
}

function hint(name: string, known: string[]): string {
  const nearest = likelyMeantName(name, known);
  return nearest ? `; did you mean '${nearest}'? (inputs/outputs: ${known.join(', ')})` : ` (it has: ${known.join(', ')})`;
}

/**
 * Decides which model input takes which dataset input: by name when every dataset input names a
 * model input (input_ids, attention_mask), else by position when the counts agree (one image
 * input). Checks element types and example shapes (the batch dim aside; symbolic dims fit any size).
 */
export function bindModelInputs(loaded: LoadedModel, dataset: Dataset, dataDescription: string): LoadedModel {
  const dataNames = dataset.inputs.map((input) => input.name);
  const byName = dataNames.every((name) => loaded.inputNames.includes(name)) && dataNames.length === loaded.inputNames.length;
  if (!byName && dataNames.length !== loaded.inputNames.length) {
    throw new Error(`${loaded.path}: the model takes ${count(loaded.inputNames.length, 'input')} (${loaded.inputNames.join(', ')}), but ${dataDescription} gives ${count(dataNames.length, 'input')} (${dataNames.join(', ')}); name the model input that takes the data with model.input, or give the data the model's input names`);
  }
  const inputNames = byName ? [...dataNames] : [...loaded.inputNames];
  dataset.inputs.forEach((dataInput, i) => {
    const name = inputNames[i]!;
    const declared = loaded.model.graph.inputs.find((v) => v.name === name);
    const source = `${dataDescription}${dataset.inputs.length > 1 ? ` ('${dataInput.name}')` : ''}`;
    if (declared) checkInput(loaded.path, declared, dataInput.values instanceof Float32Array ? DataType.FLOAT : DataType.INT64, dataInput.shape, source);
    if (dataInput.values instanceof BigInt64Array) checkEmbeddingRows(loaded, name, dataInput.values, source);
  });
  return { ...loaded, inputNames };
}

/** The embedding tables an input indexes: initializers that a Gather reads at the input's ids, with the node and row count. */
export function embeddingTablesOf(graph: Graph, inputName: string): { node: string; table: string; rows: number }[] {
  return graph.nodes.flatMap((node) => {
    const table = node.opType === 'Gather' && node.inputs[1] === inputName ? graph.initializers.get(node.inputs[0]!) : undefined;
    return table && table.dims.length > 0 ? [{ node: node.name, table: table.name, rows: table.dims[0]! }] : [];
  });
}

/** Ids that index an embedding table must be below its row count. */
function checkEmbeddingRows(loaded: LoadedModel, inputName: string, ids: BigInt64Array, source: string): void {
  const tables = embeddingTablesOf(loaded.model.graph, inputName);
  if (tables.length === 0) return;
  let largest = -1n;
  for (const id of ids) if (id > largest) largest = id;
  for (const { node, table, rows } of tables) {
    if (largest >= BigInt(rows)) {
      throw new Error(`${loaded.path}: input '${inputName}' indexes the ${rows}-row table '${table}' (node '${node}'), but ${source} holds id ${largest}; the model's vocabulary must cover the data's (data.vocabSize)`);
    }
  }
}

function checkInput(modelPath: string, declared: ValueInfo, dataType: DataType, exampleShape: readonly number[], source: string): void {
  if (declared.dataType !== dataType) {
    throw new Error(`${modelPath}: input '${declared.name}' takes ${dataTypeName(declared.dataType)} values, but ${source} holds ${dataTypeName(dataType)}`);
  }
  if (!declared.shape) return;
  const modelExample = declared.shape.slice(1);
  const fits = modelExample.length === exampleShape.length && modelExample.every((d, i) => typeof d !== 'number' || d === exampleShape[i]);
  if (!fits) {
    throw new Error(`${modelPath}: input '${declared.name}' takes examples of shape [${modelExample.join(', ')}], but ${source} has examples of shape ${describeShape(exampleShape)}`);
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
