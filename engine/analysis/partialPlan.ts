/**
 * A QDQ plan restricted to some of its quantizers, so that one layer can be quantized alone or kept
 * alone in float. Every activation is first rewritten read by read: a tensor quantized where it is
 * produced, or a pass-through output on its source's grid, gets one quantizer per read with the same
 * scale and zero point. That gives the same values (rounding is elementwise, and max, reshape and the
 * other pass-through ops commute with a monotonic rounding), and it lets a read by one layer stay
 * float while the other reads of the same tensor stay quantized.
 */
import type { Model } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { findTrainableParameters } from '../training/parameters.ts';
import { placeQuantization, type QuantizationPlacement } from '../quantization/placement.ts';
import { activationReads, type ActivationConsumer, type QdqActivationPlan, type QdqExportPlan } from '../quantization/exportPlan.ts';

/** Which quantizers of the plan to keep: weights by the node that reads them, activations read by read. */
interface Selection {
  keepsWeight(node: string): boolean;
  keepsRead(tensor: string, read: ActivationConsumer): boolean;
}

/** The plan with only the weights of, and the activation reads by, nodes `keeps` accepts. */
export function planForNodes(floatModel: Model, plan: QdqExportPlan, keeps: (node: string) => boolean): QdqExportPlan {
  return restrictPlan(floatModel, plan, { keepsWeight: keeps, keepsRead: (_tensor, read) => keeps(read.node) });
}

/**
 * The plan with only what `placement` quantizes (the placement of the same graph with more nodes
 * excluded): a node kept in float exactly as `quantization.exclude` keeps it, including any integer
 * op that turns float because only float ops feed it.
 */
export function planForPlacement(floatModel: Model, plan: QdqExportPlan, placement: QuantizationPlacement): QdqExportPlan {
  const key = (tensor: string, read: ActivationConsumer): string => `${tensor}\u0000${read.node}\u0000${read.input}`;
  const placedReads = new Set([
    ...placement.activations.flatMap((a) => (a.atProducer ? everyRead(floatModel, a.tensor) : a.reads).map((read) => key(a.tensor, read))),
    ...placement.shared.flatMap((s) => everyRead(floatModel, s.tensor).map((read) => key(s.tensor, read))),
  ]);
  const placedWeights = new Set(placement.weights.map((w) => w.node));
  return restrictPlan(floatModel, plan, { keepsWeight: (node) => placedWeights.has(node), keepsRead: (tensor, read) => placedReads.has(key(tensor, read)) });
}

/** The placement of the float model with `quantization.exclude` and one more node excluded. */
export function placementExcluding(floatModel: Model, quantization: Pick<QuantizationConfig, 'opTypes' | 'exclude'>): (node: string) => QuantizationPlacement {
  const shapes = inferShapes(floatModel.graph, defaultOpset(floatModel));
  const weightTensors = new Set(findTrainableParameters(floatModel));
  return (node) => placeQuantization(floatModel.graph, { opTypes: quantization.opTypes, exclude: [...quantization.exclude, node], weightTensors, dataTypeOf: (t) => shapes.get(t)?.dataType });
}

function restrictPlan(floatModel: Model, plan: QdqExportPlan, selection: Selection): QdqExportPlan {
  // A node that produces a pass-through tensor on the plan's grid: its reads are covered by that tensor's own reads.
  const passThroughProducers = new Set(plan.activations.filter((a) => a.sharesRangeOf !== undefined)
    .flatMap((a) => floatModel.graph.nodes.filter((n) => n.outputs.includes(a.tensor)).map((n) => n.name)));
  const activations: QdqActivationPlan[] = [];
  for (const activation of plan.activations) {
    const reads = activation.atProducer ? everyRead(floatModel, activation.tensor) : activationReads(activation);
    const kept = reads.filter((read) => !passThroughProducers.has(read.node) && selection.keepsRead(activation.tensor, read));
    if (kept.length === 0) continue;
    activations.push({
      tensor: activation.tensor,
      qmin: activation.qmin,
      qmax: activation.qmax,
      consumers: [...new Set(kept.map((read) => read.node))],
      consumerInputs: kept,
      scale: activation.scale,
      zeroPoint: activation.zeroPoint,
    });
  }
  return { weights: plan.weights.filter((weight) => selection.keepsWeight(weight.node)), activations };
}

function everyRead(floatModel: Model, tensor: string): ActivationConsumer[] {
  return floatModel.graph.nodes.flatMap((node) => node.inputs.flatMap((input, index) => (input === tensor ? [{ node: node.name, input: index }] : [])));
}
