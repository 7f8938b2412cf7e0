/**
 * The fake-quant model an export is checked against: the QAT rewrite
 * (insertFakeQuantization + lowerFakeQuantize) applied to a copy of the float model,
 * with the plan's activation scales and zero points baked in as constants.
 */
import { DataType } from '../onnx/dataType.ts';
import { makeTensor } from '../onnx/builder.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import type { Model } from '../onnx/ir.ts';
import { insertFakeQuantization } from './insertFakeQuant.ts';
import { lowerFakeQuantize } from './lowerFakeQuantize.ts';
import { activationRangeBits, activationReads, symmetricRangeBits, type QdqExportPlan } from './exportPlan.ts';

export function buildFakeQuantReferenceModel(floatModel: Model, plan: QdqExportPlan): Model {
  const model = cloneModel(floatModel);
  const graph = model.graph;
  const weightBits = singleValue(plan.weights.map((w) => symmetricRangeBits(w.qmax)), 'weight bit width');
  const activationBits = singleValue(plan.activations.map((a) => activationRangeBits(a.qmin, a.qmax)), 'activation bit width');
  const quantizedNodes = new Set([...plan.weights.map((w) => w.node), ...plan.activations.flatMap((a) => activationReads(a).map((r) => r.node))]);
  const opTypes = [...new Set(graph.nodes.filter((n) => quantizedNodes.has(n.name)).map((n) => n.opType))];
  const exclude = graph.nodes.filter((n) => opTypes.includes(n.opType) && !quantizedNodes.has(n.name)).map((n) => n.name);
  const result = insertFakeQuantization(model, {
    weights: { bits: weightBits ?? 8, symmetric: true, signed: true, perChannel: true },
    activations: { bits: activationBits ?? 8, symmetric: false, signed: true },
    opTypes,
    exclude,
    weightTensors: new Set(plan.weights.map((w) => w.tensor)),
  });
  const plannedActivations = new Map(plan.activations.map((a) => [a.tensor, a]));
  for (const activation of result.activations) {
    const entry = plannedActivations.get(activation.tensor);
    if (!entry) throw new Error(`the QAT rewrite quantizes activation '${activation.tensor}', which the plan does not list`);
    const readKey = (r: { node: string; input: number }): string => `${r.node}#${r.input}`;
    const planned = activationReads(entry).map(readKey).sort().join(', ');
    const rewritten = activation.consumerInputs.map(readKey).sort().join(', ');
    if (planned !== rewritten) throw new Error(`the QAT rewrite quantizes activation '${activation.tensor}' for ${rewritten}; the plan for ${planned}`);
    graph.initializers.set(activation.scaleInput, makeTensor(activation.scaleInput, DataType.FLOAT, [], Float32Array.of(entry.scale)));
    graph.initializers.set(activation.zeroPointInput, makeTensor(activation.zeroPointInput, DataType.FLOAT, [], Float32Array.of(entry.zeroPoint)));
  }
  if (result.activations.length !== plan.activations.length || result.weights.length !== plan.weights.length) {
    throw new Error(`the QAT rewrite quantizes ${result.weights.length} weights and ${result.activations.length} activations; the plan lists ${plan.weights.length} and ${plan.activations.length}`);
  }
  const rangeInputs = new Set(result.rangeInputs.map((i) => i.name));
  graph.inputs = graph.inputs.filter((i) => !rangeInputs.has(i.name));
  lowerFakeQuantize(model);
  return model;
}

function singleValue(values: number[], what: string): number | undefined {
  const distinct = [...new Set(values)];
  if (distinct.length > 1) throw new Error(`the QAT rewrite uses one ${what}; the plan mixes ${distinct.join(', ')}`);
  return distinct[0];
}
