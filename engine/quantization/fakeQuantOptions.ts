/** The QAT rewrite's options from a config's quantization section: the one place the config's schemes become the effective ones. */
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { floatNodes } from '../config/effectiveSections.ts';
import type { FakeQuantOptions } from './insertFakeQuant.ts';
import { layerSchemesOf } from './layerSchemes.ts';
import { effectiveActivationScheme, effectiveWeightScheme } from './scheme.ts';

export function fakeQuantOptions(quantization: QuantizationConfig, weightTensors: ReadonlySet<string>): FakeQuantOptions {
  return {
    weights: effectiveWeightScheme(quantization.weights),
    activations: effectiveActivationScheme(quantization.activations),
    layers: layerSchemesOf(quantization),
    opTypes: quantization.opTypes,
    exclude: floatNodes(quantization),
    weightTensors,
  };
}
