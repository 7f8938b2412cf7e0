/** `distq describe MODEL`: every tensor of a model with its shape and producing op. */
import { readModel } from '../onnx/modelFile.ts';
import { prepareForTraining } from '../models/prepareModel.ts';
import { atTrainableOpset } from '../models/loadStudentModel.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { checkModel } from '../onnx/checker.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';
import { dataTypeName } from '../onnx/dataType.ts';
import type { ModelDescription, TensorDescription } from '../../contracts/engineProtocol.ts';

/**
 * Lists every tensor of the file as it is, with the shapes of the model as training prepares it
 * (constants and exporters' Shape → Reshape chains folded, batch dim `N`), so attention reshapes
 * in exported transformers have known shapes.
 */
export async function describeModel(modelPath: string): Promise<ModelDescription> {
  const fileModel = readModel(modelPath);
  const model = atTrainableOpset(cloneModel(fileModel), modelPath);
  checkModel(model, { source: modelPath });
  const opset = defaultOpset(fileModel);
  const graph = fileModel.graph;
  const dataInputs = graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name);
  const prepared = await prepareForTraining(model, dataInputs);
  const shapes = inferShapes(prepared.graph, defaultOpset(prepared));
  const tensors: TensorDescription[] = [];
  const describe = (name: string, producer: string, node: string): void => {
    const info = shapes.get(name);
    tensors.push({ name, producer, node, dataType: info ? dataTypeName(info.dataType) : 'unknown', shape: info?.shape ?? null });
  };
  for (const input of graph.inputs) if (!graph.initializers.has(input.name)) describe(input.name, 'input', '');
  for (const name of graph.initializers.keys()) describe(name, 'initializer', '');
  for (const node of graph.nodes) for (const output of node.outputs) if (output) describe(output, node.opType, node.name);
  return {
    path: modelPath,
    opset,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    inputs: graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name),
    outputs: graph.outputs.map((o) => o.name),
    tensors,
  };
}
