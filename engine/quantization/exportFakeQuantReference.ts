/**
 * The fake-quant model an export is checked against: the plan's fake quantization
 * (applyFakeQuantization + lowerFakeQuantize) applied to a copy of the float model,
 * with the plan's activation scales and zero points baked in as constants. Each weight and
 * activation keeps its own bit width, so a mixed-precision plan is checked layer by layer.
 */
import { DataType } from '../onnx/dataType.ts';
import { makeTensor } from '../onnx/builder.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import type { Model } from '../onnx/ir.ts';
import { applyFakeQuantization } from './insertFakeQuant.ts';
import { lowerDistqOps } from './lowerDistqOps.ts';
import { activationRangeBits, activationReads, symmetricRangeBits, type QdqExportPlan } from './exportPlan.ts';

export function buildFakeQuantReferenceModel(floatModel: Model, plan: QdqExportPlan): Model {
  const model = cloneModel(floatModel);
  const graph = model.graph;
  // Pass-through outputs are on their source's grid already: no node of their own.
  const quantized = plan.activations.filter((a) => a.sharesRangeOf === undefined);
  const weightBits = new Map(plan.weights.map((w) => [w.node, symmetricRangeBits(w.qmax)]));
  const activationOf = new Map(quantized.map((a) => [a.tensor, a]));
  const producerOf = (tensor: string): string => graph.nodes.find((n) => n.outputs.includes(tensor))?.name ?? '';
  const result = applyFakeQuantization(model, {
    integerNodes: [],
    weights: plan.weights.map((w) => ({ tensor: w.tensor, node: w.node, channelAxis: w.channelAxis })),
    activations: quantized.map((a) => ({ tensor: a.tensor, reads: activationReads(a), atProducer: a.atProducer === true })),
    // Listed so that a layer reading a pass-through output rounds its bias on the source's scale.
    shared: plan.activations.flatMap((a) => (a.sharesRangeOf === undefined ? [] : [{ tensor: a.tensor, source: a.sharesRangeOf, node: producerOf(a.tensor), reads: activationReads(a) }])),
  }, {
    // The export's weights are symmetric per channel by construction (exportWeights.ts).
    weightScheme: (node) => ({ bits: weightBits.get(node)!, symmetric: true, signed: true, perChannel: true }),
    // Only a signed symmetric range is narrow ([−q, q]); an unsigned one spans the same grid either way.
    activationScheme: (placed) => {
      const { qmin, qmax } = activationOf.get(placed.tensor)!;
      return { bits: activationRangeBits(qmin, qmax), symmetric: qmin === -qmax, signed: qmin < 0 };
    },
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
  lowerDistqOps(model);
  return model;
}
