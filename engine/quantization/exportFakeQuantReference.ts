/**
 * The fake-quant model an export is checked against: the plan's fake quantization
 * (applyFakeQuantization + lowerFakeQuantize) applied to a copy of the float model,
 * with the plan's activation scales and zero points baked in as constants.
 */
import { DataType } from '../onnx/dataType.ts';
import { makeTensor } from '../onnx/builder.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import type { Model } from '../onnx/ir.ts';
import { applyFakeQuantization } from './insertFakeQuant.ts';
import { lowerFakeQuantize } from './lowerFakeQuantize.ts';
import { activationRangeBits, activationReads, symmetricRangeBits, type QdqExportPlan } from './exportPlan.ts';
import { DEFAULT_ACTIVATION_SCHEME, DEFAULT_WEIGHT_SCHEME } from '../../contracts/quantizationScheme.ts';

export function buildFakeQuantReferenceModel(floatModel: Model, plan: QdqExportPlan): Model {
  const model = cloneModel(floatModel);
  const graph = model.graph;
  const weightBits = singleValue(plan.weights.map((w) => symmetricRangeBits(w.qmax)), 'weight bit width');
  const activationBits = singleValue(plan.activations.map((a) => activationRangeBits(a.qmin, a.qmax)), 'activation bit width');
  const signed = singleValue(plan.activations.map((a) => a.qmin < 0 ? 1 : 0), 'activation signedness');
  // Only a signed symmetric range is narrow ([−q, q]); an unsigned one spans the same grid either way.
  const symmetric = singleValue(plan.activations.map((a) => a.qmin === -a.qmax ? 1 : 0), 'activation symmetry');
  // Pass-through outputs are on their source's grid already: no node of their own.
  const quantized = plan.activations.filter((a) => a.sharesRangeOf === undefined);
  const result = applyFakeQuantization(model, {
    integerNodes: [],
    weights: plan.weights.map((w) => ({ tensor: w.tensor, node: w.node, channelAxis: w.channelAxis })),
    activations: quantized.map((a) => ({ tensor: a.tensor, reads: activationReads(a), atProducer: a.atProducer === true })),
    shared: [],
  }, {
    // The export's weights are symmetric per channel by construction (exportWeights.ts).
    weights: { bits: weightBits ?? DEFAULT_WEIGHT_SCHEME.bits, symmetric: true, signed: true, perChannel: true },
    activations: { bits: activationBits ?? DEFAULT_ACTIVATION_SCHEME.bits, symmetric: symmetric === 1, signed: signed !== 0 },
  });
  const planned = new Map(quantized.map((a) => [a.tensor, a]));
  for (const activation of result.activations) {
    const entry = planned.get(activation.tensor)!;
    if (entry.qmin !== activation.qmin || entry.qmax !== activation.qmax) throw new Error(`activation '${entry.tensor}': the plan's range [${entry.qmin}, ${entry.qmax}] is not one the QAT rewrite uses`);
    graph.initializers.set(activation.scaleInput, makeTensor(activation.scaleInput, DataType.FLOAT, [], Float32Array.of(entry.scale)));
    graph.initializers.set(activation.zeroPointInput, makeTensor(activation.zeroPointInput, DataType.FLOAT, [], Float32Array.of(entry.zeroPoint)));
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
