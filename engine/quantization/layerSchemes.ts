/**
 * Mixed precision: which scheme each quantized weight and activation of a placement uses
 * when `quantization.layers` gives some nodes bit widths of their own.
 *
 * A node's weight takes the node's weight scheme. An activation takes the activation
 * scheme of the integer nodes that read it (through pass-through ops too), the widest when
 * they differ, so that no layer reads a coarser input than it asked for; an integer op's
 * output that no integer node reads takes its producer's scheme.
 */
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { effectiveLayerQuantization } from '../config/effectiveSections.ts';
import type { Graph, Node } from '../onnx/ir.ts';
import type { ActivationScheme } from './observerBase.ts';
import type { PlacedActivation, QuantizationPlacement } from './placement.ts';
import { effectiveActivationScheme, effectiveWeightScheme, type QuantizationScheme } from './scheme.ts';

/** The schemes one node is quantized with. */
export interface LayerSchemes {
  weights: QuantizationScheme;
  activations: ActivationScheme;
}

/** What the QAT rewrite asks for each weight and activation it fake-quantizes. */
export interface PlacementSchemes {
  weightScheme(node: string): QuantizationScheme;
  activationScheme(activation: PlacedActivation): ActivationScheme;
}

/** The nodes `quantization.layers` gives bit widths of their own (not those it keeps in float), with their effective schemes. */
export function layerSchemesOf(quantization: QuantizationConfig): Map<string, LayerSchemes> {
  const schemes = new Map<string, LayerSchemes>();
  for (const node of Object.keys(quantization.layers ?? {})) {
    const layer = effectiveLayerQuantization(quantization, node);
    if (layer) schemes.set(node, { weights: effectiveWeightScheme(layer.weights), activations: effectiveActivationScheme(layer.activations) });
  }
  return schemes;
}

/** Per-weight and per-activation schemes for a placement, from the global schemes and the nodes' own. */
export function placementSchemes(graph: Graph, placement: QuantizationPlacement, global: LayerSchemes, layers: ReadonlyMap<string, LayerSchemes> = new Map()): PlacementSchemes {
  const schemesOf = (node: string): LayerSchemes => layers.get(node) ?? global;
  if (layers.size === 0) return { weightScheme: () => global.weights, activationScheme: () => global.activations };
  const integer = new Set(placement.integerNodes);
  const producers = new Map<string, Node>();
  for (const node of graph.nodes) for (const output of node.outputs) if (output) producers.set(output, node);
  const sharedReads = new Map<string, string[]>();
  for (const shared of placement.shared) sharedReads.set(shared.source, [...(sharedReads.get(shared.source) ?? []), ...shared.reads.map((r) => r.node)]);
  /** The integer node whose output this is, looking through an absorbed Relu or Clip. */
  const integerProducer = (tensor: string): string | undefined => {
    const producer = producers.get(tensor);
    if (!producer) return undefined;
    if (integer.has(producer.name)) return producer.name;
    const inner = producer.inputs[0] ? producers.get(producer.inputs[0]) : undefined;
    return inner && integer.has(inner.name) ? inner.name : undefined;
  };
  return {
    weightScheme: (node) => schemesOf(node).weights,
    activationScheme: (activation) => {
      const readers = [...activation.reads.map((r) => r.node), ...(sharedReads.get(activation.tensor) ?? [])].filter((node) => integer.has(node));
      const producer = integerProducer(activation.tensor);
      const deciding = readers.length > 0 ? readers : producer ? [producer] : [];
      return deciding.map((node) => schemesOf(node).activations).reduce((widest, scheme) => (scheme.bits > widest.bits ? scheme : widest), deciding.length > 0 ? schemesOf(deciding[0]!).activations : global.activations);
    },
  };
}
