/**
 * sensitivity.json: how much each quantized layer costs in accuracy, measured two ways (as AIMET's
 * quant analyzer does), next to cheap proxies and how well each proxy ranks the layers against the
 * measurement. `distq sensitivity` writes it (engine/commands/sensitivity.ts) into the run folder it
 * analysed, or beside the config for a post-training analysis; docs/tuning.md explains the numbers.
 */

/** The cheap per-layer proxies, each oriented so that a larger value means a more sensitive layer. */
export const SENSITIVITY_PROXIES = {
  /** −(lowest SQNR of the layer's own quantizers: its weight and its activation inputs), in dB. */
  ownSqnr: 'lowest SQNR of the layer\'s own quantizers (weight, input activations), negated',
  /** −(SQNR of the layer's input in the fully quantized model, all upstream error included), in dB. */
  accumulatedSqnr: 'SQNR of the layer\'s input with everything upstream quantized, negated',
  /** Σ ((y_q − y) · ∂ℓ/∂y)² per example: ModelOpt AutoQuantize's Fisher approximation of the loss increase. */
  outputGradient: 'output error × loss gradient, squared (Fisher approximation of the loss increase)',
} as const;

export type SensitivityProxy = keyof typeof SENSITIVITY_PROXIES;

/** The file name beside a config: `mnist.distq.json` → `mnist.sensitivity.json`. */
export function sensitivityFileBesideConfig(configFileName: string): string {
  return `${configFileName.replace(/\.distq\.jsonc?$|\.jsonc?$/, '')}.sensitivity.json`;
}

export interface LayerSensitivity {
  node: string;
  opType: string;
  /** As the layers report has it (layerRoles.ts); absent when unknown. */
  role?: string;
  /**
   * Accuracy (fraction) with only this layer quantized, every other layer float; null when the
   * analysis ended (time budget) before this layer.
   */
  onlyQuantized: number | null;
  /**
   * Accuracy with only this layer kept in float, every other layer quantized: as adding it to
   * `quantization.exclude` keeps it (its weight and the op in float; an input that an integer
   * producer quantizes for all its readers stays quantized, as in the exported model).
   */
  onlyFloat: number | null;
  /**
   * The measured impact in percentage points: the mean of the loss when it alone is quantized
   * (float − onlyQuantized) and the gain when it alone stays float (onlyFloat − allQuantized).
   */
  impactPp: number | null;
  /** Each proxy's raw value (larger = more sensitive); null when the layer has no such quantizer. */
  proxies: Record<SensitivityProxy, number | null>;
}

/**
 * Spearman's rank correlation (ties get their mean rank) between a proxy and the measured figures
 * over the measured layers: +1 ranks the layers exactly as measured, 0 says nothing, null when
 * fewer than two layers could be ranked or one side has no spread.
 */
export interface ProxyRankCorrelation {
  proxy: SensitivityProxy;
  againstImpact: number | null;
  againstOnlyQuantized: number | null;
  againstOnlyFloat: number | null;
}

export interface SensitivityReport {
  kind: 'sensitivity';
  /** The config analysed (absolute). */
  configPath: string;
  /**
   * Whose weights and ranges: the config's student calibrated post-training (`ptq`), or a run's
   * last checkpoint with the ranges it trained (`run`).
   */
  source: { kind: 'ptq' } | { kind: 'run'; runFolder: string; checkpointEpoch: number };
  bits: { weights: number; activations: number };
  /** The examples of the config's test data each accuracy is measured on. */
  evaluation: {
    examples: number;
    datasetExamples: number;
    /** Examples the output-gradient proxy is computed on (the first of the evaluated ones). */
    gradientExamples: number;
    /** True when the time budget made the analysis use fewer examples or fewer layers than it had. */
    limitedByTimeBudget: boolean;
  };
  timeBudgetMinutes: number | null;
  /** On the evaluated examples, with the same fake quantization as every layer's figures. */
  accuracy: { float: number; allQuantized: number };
  /** Most impact first; layers the budget left unmeasured last, in graph order. */
  layers: LayerSensitivity[];
  /** Layers the time budget left unmeasured (also in `layers`, with null figures). */
  unmeasuredLayers: string[];
  correlations: ProxyRankCorrelation[];
  seconds: number;
}
