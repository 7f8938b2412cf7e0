/**
 * Which layers the tuner promotes, in which order, and to what: the quantized layers by measured
 * impact (sensitivity.json), and the precision `tuning.fallback` gives them.
 */
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';
import type { LayerPrecisionSetting } from '../../contracts/tuningReport.ts';
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { effectiveLayerQuantization } from '../config/effectiveSections.ts';
import type { TuningPlan } from './tuningSearch.ts';

/**
 * Layers the sensitivity analysis measured, most impact first; layers it left unmeasured follow in
 * the report's order (graph order), since promoting them is still better than giving up.
 */
export function promotionOrder(report: Pick<SensitivityReport, 'layers'>): string[] {
  const measured = report.layers.filter((layer) => layer.impactPp !== null).sort((a, b) => b.impactPp! - a.impactPp!);
  const unmeasured = report.layers.filter((layer) => layer.impactPp === null);
  return [...measured, ...unmeasured].map((layer) => layer.node);
}

/**
 * What a promoted layer becomes. `int8` lifts both sides to 8 bits; a layer whose bits are 8
 * already has nowhere to go in integers, so it goes to float.
 */
export function promotedPrecision(fallback: 'int8' | 'float', layerBits: { weights: number; activations: number }): LayerPrecisionSetting {
  if (fallback === 'float' || (layerBits.weights >= 8 && layerBits.activations >= 8)) return 'float';
  return { weights: { bits: 8 }, activations: { bits: 8 } };
}

/** The search's plan: the layers of `order` that are quantized, each with what `fallback` promotes it to. */
export function tuningPlan(quantization: QuantizationConfig, fallback: 'int8' | 'float', order: readonly string[], maxTrials: number, retrainChosen: boolean): TuningPlan {
  const promotions: Record<string, LayerPrecisionSetting> = {};
  for (const node of order) {
    const layer = effectiveLayerQuantization(quantization, node);
    if (layer) promotions[node] = promotedPrecision(fallback, { weights: layer.weights.bits, activations: layer.activations.bits });
  }
  // Layers the user keeps in float already have nothing to promote to.
  return { userLayers: { ...(quantization.layers ?? {}) }, order: order.filter((node) => Object.hasOwn(promotions, node)), promotions, maxTrials, retrainChosen };
}
