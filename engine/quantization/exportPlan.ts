/**
 * What the QDQ export needs to know after QAT, as plain data: which weights and
 * activations were fake-quantized, their integer ranges, and the activations' final
 * scales and zero points (weights' scales are recomputed from the trained weights,
 * exactly as the QAT graph computes them).
 */

export interface QdqWeightPlan {
  /** The float initializer holding the weight. */
  tensor: string;
  /** The Conv/Gemm/MatMul node that reads it (as input 1). */
  node: string;
  /** Axis of the output channels in the weight tensor. */
  channelAxis: number;
  /** Symmetric range, e.g. [−127, 127] for 8 bits. */
  qmin: number;
  qmax: number;
}

export interface QdqActivationPlan {
  /** The float tensor quantized before it reaches `consumers`. */
  tensor: string;
  qmin: number;
  qmax: number;
  /** Nodes that read the quantized value (as input 0); other readers keep the float tensor. */
  consumers: string[];
  /** Final per-tensor scale (float32). */
  scale: number;
  /** Integer zero point inside [qmin, qmax]. */
  zeroPoint: number;
}

export interface QdqExportPlan {
  weights: QdqWeightPlan[];
  activations: QdqActivationPlan[];
}

/** Bit width of a symmetric narrow range [−(2^(b−1) − 1), 2^(b−1) − 1]. */
export function symmetricRangeBits(qmax: number): number {
  return Math.round(Math.log2(qmax + 1)) + 1;
}

/** Bit width of an activation range: symmetric narrow ([−q, q]) or full (2^b levels). */
export function activationRangeBits(qmin: number, qmax: number): number {
  return qmin === -qmax ? symmetricRangeBits(qmax) : Math.round(Math.log2(qmax - qmin + 1));
}

/** Names the export gives to the tensors it creates, so that analysis can find them. */
export function qdqTensorNames(tensor: string): { quantized: string; dequantized: string; scale: string; zeroPoint: string } {
  return {
    quantized: `${tensor}_QuantizeLinear_Output`,
    dequantized: `${tensor}_DequantizeLinear_Output`,
    scale: `${tensor}_scale`,
    zeroPoint: `${tensor}_zero_point`,
  };
}

/** The plan from the QAT rewrite's lists and each activation's final scale and zero point. */
export function buildExportPlan(
  weights: readonly QdqWeightPlan[],
  activations: readonly { tensor: string; qmin: number; qmax: number; consumers: readonly string[] }[],
  activationParameters: ReadonlyMap<string, { scale: number; zeroPoint: number }>,
): QdqExportPlan {
  return {
    weights: weights.map((w) => ({ tensor: w.tensor, node: w.node, channelAxis: w.channelAxis, qmin: w.qmin, qmax: w.qmax })),
    activations: activations.map((a) => {
      const parameters = activationParameters.get(a.tensor);
      if (!parameters) throw new Error(`activation '${a.tensor}' has no scale and zero point`);
      return { tensor: a.tensor, qmin: a.qmin, qmax: a.qmax, consumers: [...a.consumers], scale: parameters.scale, zeroPoint: parameters.zeroPoint };
    }),
  };
}
