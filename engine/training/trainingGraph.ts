/**
 * Compiles a forward model into one training-step graph: trainable initializers
 * become inputs (fed zero-copy from the optimizer's Float32Arrays), the losses are
 * appended as nodes, MaxPools move ahead of the Relus and fake quantizations they commute with
 * (poolFirst.ts), and the gradient graph is built by autodiff. Outputs: the total
 * loss, each loss component, the logits, any extra tensors, then one gradient per
 * parameter.
 */
import { DataType } from '../onnx/dataType.ts';
import { GraphBuilder, makeValueInfo } from '../onnx/builder.ts';
import type { Graph, Model, Tensor, ValueInfo } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { buildGradientGraph } from '../autodiff/differentiate.ts';
import { lowerDistqOps } from '../quantization/lowerDistqOps.ts';
import { movePoolingFirst } from './poolFirst.ts';

export interface LossComponent {
  /** Name reported in metrics, e.g. `labels` or `kd`. */
  name: string;
  tensor: string;
  weight: number;
  /** The weight is fed each step (as graph input `lossWeightInputName(name)`) instead of fixed in the graph. */
  fedWeight?: boolean;
}

export interface TrainingGraphOptions {
  /** The model output that holds the logits. */
  logits: string;
  /** Initializers to train. */
  trainable: readonly string[];
  /** Extra graph inputs the losses read (labels, teacher outputs, quantization ranges). */
  extraInputs: ValueInfo[];
  /** Appends the loss nodes and returns the weighted components. */
  addLosses(builder: GraphBuilder, graph: Graph): LossComponent[];
  /** Further tensors to fetch each step (observer statistics). */
  extraOutputs?: string[];
  /** Initializers that `addLosses` created and that train too (matchers, auxiliary heads). */
  addedTrainable?(): readonly string[];
  /** Tensors that `addLosses` created and that are fetched each step too (auxiliary heads' logits). */
  addedOutputs?(): readonly string[];
  /** Tensors that are constant beyond the initializers (rare). */
  constants?: ReadonlyMap<string, Tensor>;
}

export interface TrainingGraph {
  model: Model;
  parameters: string[];
  /** Gradient output names, aligned with `parameters`; undefined where the loss ignores a parameter. */
  gradients: (string | undefined)[];
  totalLoss: string;
  components: { name: string; tensor: string }[];
  /** Graph inputs (scalar float32) that carry the fed loss weights, by component name. */
  weightInputs: { component: string; input: string }[];
  logits: string;
  extraOutputs: string[];
}

export const LABELS_INPUT = 'distq_labels';

/** The graph input that carries a fed loss weight. */
export function lossWeightInputName(component: string): string {
  return `distq_loss_weight/${component}`;
}

export function labelsInput(): ValueInfo {
  return makeValueInfo(LABELS_INPUT, DataType.INT64, ['N']);
}

export function buildTrainingGraph(source: Model, options: TrainingGraphOptions): TrainingGraph {
  const model = cloneModel(source);
  const graph = model.graph;
  const opset = defaultOpset(model);
  for (const name of options.trainable) {
    const tensor = graph.initializers.get(name);
    if (!tensor) throw new Error(`trainable parameter '${name}' is not an initializer of the model`);
    graph.initializers.delete(name);
    graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
  }
  graph.inputs.push(...options.extraInputs);
  graph.valueInfos.clear();

  const builder = new GraphBuilder(graph, 'loss');
  const components = options.addLosses(builder, graph);
  if (components.length === 0) throw new Error('the training graph has no loss');
  const added = options.addedTrainable?.() ?? [];
  for (const name of added) {
    const tensor = graph.initializers.get(name);
    if (!tensor) throw new Error(`the losses declared '${name}' trainable but did not add it`);
    graph.initializers.delete(name);
    graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
  }
  const parameters = [...options.trainable, ...added];
  const weightInputs = components.filter((c) => c.fedWeight).map((c) => ({ component: c.name, input: lossWeightInputName(c.name) }));
  graph.inputs.push(...weightInputs.map((w) => makeValueInfo(w.input, DataType.FLOAT, [])));
  const weightOf = (c: LossComponent): string => (c.fedWeight ? lossWeightInputName(c.name) : builder.floatConstant(`${c.name}_weight`, [c.weight]));
  const weighted = components.map((c) => (c.weight === 1 && !c.fedWeight ? c.tensor : builder.op('Mul', [c.tensor, weightOf(c)])));
  const totalLoss = weighted.length === 1 ? builder.op('Identity', [weighted[0]!]) : builder.op('Sum', weighted);

  const extraOutputs = [...(options.extraOutputs ?? []), ...(options.addedOutputs?.() ?? [])];
  movePoolingFirst(graph, new Set([totalLoss, options.logits, ...extraOutputs, ...components.map((c) => c.tensor)]));

  const { gradients } = buildGradientGraph(graph, { loss: totalLoss, parameters, opset, constants: options.constants });
  const gradientNames = parameters.map((p) => gradients.get(p));
  graph.outputs = [
    makeValueInfo(totalLoss, DataType.FLOAT, []),
    ...components.map((c) => makeValueInfo(c.tensor, DataType.FLOAT, [])),
    makeValueInfo(options.logits, DataType.FLOAT),
    ...extraOutputs.map((name) => makeValueInfo(name, DataType.FLOAT)),
    ...gradientNames.filter((g): g is string => g !== undefined).map((g) => makeValueInfo(g, DataType.FLOAT)),
  ];
  dedupeOutputs(graph);
  // Fake quantization and stop-gradient are differentiated as DistQ ops, then expanded for ONNX Runtime.
  lowerDistqOps(model);
  return {
    model,
    parameters,
    gradients: gradientNames,
    totalLoss,
    components: components.map((c) => ({ name: c.name, tensor: c.tensor })),
    weightInputs,
    logits: options.logits,
    extraOutputs,
  };
}

/** ONNX forbids listing one tensor twice among the outputs. */
function dedupeOutputs(graph: Graph): void {
  const seen = new Set<string>();
  graph.outputs = graph.outputs.filter((o) => (seen.has(o.name) ? false : (seen.add(o.name), true)));
}

/** The forward model with trainable initializers as inputs, for evaluation with live weights. */
export function buildEvaluationGraph(source: Model, trainable: readonly string[], outputs: string[]): Model {
  const model = cloneModel(source);
  const graph = model.graph;
  for (const name of trainable) {
    const tensor = graph.initializers.get(name)!;
    graph.initializers.delete(name);
    graph.inputs.push(makeValueInfo(name, tensor.dataType, tensor.dims));
  }
  graph.outputs = outputs.map((o) => graph.outputs.find((g) => g.name === o) ?? makeValueInfo(o, DataType.FLOAT));
  lowerDistqOps(model);
  return model;
}
