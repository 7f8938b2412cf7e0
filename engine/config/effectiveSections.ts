/**
 * The sections a run uses when a config, or code calling the engine, leaves them out or gives only
 * some of their fields: parsed, so the schema's defaults fill them in and nothing restates them.
 */
import { distillationSection, quantizationSection, trainingSection, type DistillationConfig, type QuantizationConfig, type QuantizationSettings, type TrainingConfig } from './distqConfig.ts';
import { parseSection } from './loadConfig.ts';

/** The quantization settings a run uses; throws a ConfigError naming `source` on a bad value. */
export function effectiveQuantization(section: QuantizationSettings | undefined, source = 'quantization settings'): QuantizationConfig {
  return parseSection(quantizationSection, section ?? {}, 'quantization', source);
}

/** A node's weight and activation schemes: the global ones with the node's own bit widths from `quantization.layers`. */
export type LayerQuantization = Pick<QuantizationConfig, 'weights' | 'activations'>;

/** Nodes kept in float: `quantization.exclude` and the nodes `quantization.layers` sets to "float". */
export function floatNodes(quantization: QuantizationConfig): string[] {
  const floatLayers = Object.entries(quantization.layers ?? {}).filter(([, precision]) => precision === 'float').map(([node]) => node);
  return [...new Set([...quantization.exclude, ...floatLayers])];
}

/** How one node is quantized, or undefined when it stays in float; every per-node override is resolved here. */
export function effectiveLayerQuantization(quantization: QuantizationConfig, node: string): LayerQuantization | undefined {
  if (quantization.exclude.includes(node)) return undefined;
  const precision = Object.hasOwn(quantization.layers ?? {}, node) ? quantization.layers![node] : undefined;
  if (precision === 'float') return undefined;
  return {
    weights: { ...quantization.weights, bits: precision?.weights?.bits ?? quantization.weights.bits },
    activations: { ...quantization.activations, bits: precision?.activations?.bits ?? quantization.activations.bits },
  };
}

/** The distillation settings a run uses: without a `kind`, knowledge distillation when there is a teacher and plain QAT otherwise. */
export function effectiveDistillation(section: Partial<DistillationConfig> | undefined, hasTeacher: boolean, source = 'distillation settings'): DistillationConfig {
  return parseSection(distillationSection, { kind: hasTeacher ? 'kd' : 'none', ...section }, 'distillation', source);
}

/** The training section's defaults, for entry points that have no config file (the hooks API, inspect, the demo). */
export const TRAINING_DEFAULTS: TrainingConfig = parseSection(trainingSection, {}, 'training', 'training defaults');
