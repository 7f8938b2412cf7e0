/**
 * The per-layer quantization error report: what layers.json holds, what the engine sends when a report
 * is ready (run/layerErrors, inspect/quantError) and what the layers panel shows. Computed by
 * engine/analysis/layerErrors.ts; plain JSON.
 */

export interface TensorErrorMetrics {
  /** 20·log10(max(‖x‖, ε) / max(‖x − y‖, ε)), as qdq_loss_debug's compute_signal_to_quantization_noice_ratio. */
  sqnrDb: number;
  /** mean((x − y)²). */
  mse: number;
  /** x·y / (‖x‖‖y‖); 1 when both are all zeros, 0 when only one is. */
  cosineSimilarity: number;
  /** max |x − y|. */
  maxAbsError: number;
  /** Number of elements compared. */
  count: number;
}

export interface ValueHistogram {
  /** bins + 1 ascending edges shared by both series; the last bin includes its right edge. */
  edges: number[];
  float: number[];
  dequantized: number[];
}

export interface ActivationLayerError {
  tensor: string;
  scale: number;
  zeroPoint: number;
  qmin: number;
  qmax: number;
  /** x vs DQ(Q(x)), x from the float model. */
  quantization: TensorErrorMetrics;
  /** Float model's x vs the QDQ model's dequantized x. */
  accumulated: TensorErrorMetrics;
  /** x vs DQ(Q(x)). */
  histogram: ValueHistogram;
}

export interface WeightLayerError {
  tensor: string;
  channelAxis: number;
  /** One per output channel. */
  scales: number[];
  /** Always 0: weights are symmetric. */
  zeroPoint: number;
  qmin: number;
  qmax: number;
  metrics: TensorErrorMetrics;
  histogram: ValueHistogram;
}

export interface LayerError {
  node: string;
  opType: string;
  /** What the layer does in a transformer (`layer 0 · attention · query`, `classifier`); absent when unknown (layerRoles.ts). */
  role?: string;
  /** The activation read as input 0; null when the layer's input stays float. */
  activation: ActivationLayerError | null;
  /** A MatMul of two activations (attention): the one read as input 1. */
  secondActivation?: ActivationLayerError;
  /** Null when the layer's weight stays float. */
  weight: WeightLayerError | null;
  /** The layer's configured precision (quantizationScheme.ts layerPrecisionLabel: `W4A8`, `A8`, `float`); absent in reports written before per-layer precision. */
  precision?: string;
}

/** Plain JSON: what `layers.json` and the dashboard's error table hold. */
export interface LayerErrorReport {
  /** Histogram bins per series. */
  bins: number;
  /** Batches the activations were collected over. */
  batches: number;
  layers: LayerError[];
}
