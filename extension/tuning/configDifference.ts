/**
 * A trial's `quantization.layers` against the user's config, as lines people read:
 * `conv2: W4A4 → W8A8`. The user's side is their own entry for the node, else the config's global
 * scheme. No `vscode` here.
 */
import { parse } from 'jsonc-parser';
import { DEFAULT_ACTIVATION_SCHEME, DEFAULT_WEIGHT_SCHEME, FLOAT_PRECISION_LABEL, precisionLabel } from '../../contracts/quantizationScheme.ts';
import type { LayerPrecisionSetting } from '../../contracts/tuningReport.ts';
import { isJsonObject } from '../jsonObject.ts';

/** What a config says about precision: its global bit widths and its own per-layer entries. */
export interface ConfigPrecision {
  weightBits: number;
  activationBits: number;
  layers: Record<string, LayerPrecisionSetting>;
}

function bitsOf(value: unknown): number | undefined {
  return isJsonObject(value) && typeof value.bits === 'number' ? value.bits : undefined;
}

/** The precision settings of a config's JSONC text; the schema's defaults where it says nothing. */
export function configPrecision(configText: string | undefined): ConfigPrecision {
  const config: unknown = configText === undefined ? undefined : parse(configText, [], { allowTrailingComma: true });
  const quantization = isJsonObject(config) && isJsonObject(config.quantization) ? config.quantization : {};
  const layers: Record<string, LayerPrecisionSetting> = {};
  if (isJsonObject(quantization.layers)) {
    for (const [node, setting] of Object.entries(quantization.layers)) {
      if (setting === 'float') layers[node] = 'float';
      else if (isJsonObject(setting)) {
        const weights = bitsOf(setting.weights);
        const activations = bitsOf(setting.activations);
        layers[node] = { ...(weights === undefined ? {} : { weights: { bits: weights } }), ...(activations === undefined ? {} : { activations: { bits: activations } }) };
      }
    }
  }
  return {
    weightBits: bitsOf(quantization.weights) ?? DEFAULT_WEIGHT_SCHEME.bits,
    activationBits: bitsOf(quantization.activations) ?? DEFAULT_ACTIVATION_SCHEME.bits,
    layers,
  };
}

/** `float`, or `W8A8` with the global widths filling the sides an entry leaves out. */
export function settingLabel(setting: LayerPrecisionSetting | undefined, config: ConfigPrecision): string {
  if (setting === 'float') return FLOAT_PRECISION_LABEL;
  return precisionLabel(setting?.weights?.bits ?? config.weightBits, setting?.activations?.bits ?? config.activationBits);
}

/** One line per node whose precision the trial sets differently from the user's config, in the trial's order. */
export function configDifference(trialLayers: Record<string, LayerPrecisionSetting>, config: ConfigPrecision): string[] {
  const nodes = [...Object.keys(trialLayers), ...Object.keys(config.layers).filter((node) => !(node in trialLayers))];
  return nodes.flatMap((node) => {
    const yours = settingLabel(config.layers[node], config);
    const trial = settingLabel(trialLayers[node], config);
    if (yours === trial) return [];
    const source = node in config.layers ? ' (your entry)' : '';
    return [`${node}: ${yours}${source} → ${trial}`];
  });
}
