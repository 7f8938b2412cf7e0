/**
 * A QDQ plan restricted to some nodes' quantizers, so that one layer can be quantized alone or kept
 * alone in float. Every activation is first rewritten read by read: a tensor quantized where it is
 * produced, or a pass-through output on its source's grid, gets one quantizer per read with the same
 * scale and zero point. That gives the same values (rounding is elementwise, and max, reshape and the
 * other pass-through ops commute with a monotonic rounding), and it lets a read by the excluded layer
 * stay float while the other reads of the same tensor stay quantized.
 */
import type { Model } from '../onnx/ir.ts';
import { activationReads, type ActivationConsumer, type QdqActivationPlan, type QdqExportPlan } from '../quantization/exportPlan.ts';

/** The plan with only the weights of, and the activation reads by, nodes `keeps` accepts. */
export function planForNodes(floatModel: Model, plan: QdqExportPlan, keeps: (node: string) => boolean): QdqExportPlan {
  const nodes = floatModel.graph.nodes;
  // A node that produces a pass-through tensor on the plan's grid: its reads are covered by that tensor's own reads.
  const passThroughProducers = new Set(plan.activations.filter((a) => a.sharesRangeOf !== undefined)
    .flatMap((a) => nodes.filter((n) => n.outputs.includes(a.tensor)).map((n) => n.name)));
  const everyRead = (tensor: string): ActivationConsumer[] => nodes.flatMap((node) =>
    node.inputs.flatMap((input, index) => (input === tensor ? [{ node: node.name, input: index }] : [])));

  const activations: QdqActivationPlan[] = [];
  for (const activation of plan.activations) {
    const reads = activation.atProducer ? everyRead(activation.tensor) : activationReads(activation);
    const kept = reads.filter((read) => !passThroughProducers.has(read.node) && keeps(read.node));
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
  return { weights: plan.weights.filter((weight) => keeps(weight.node)), activations };
}
