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

/** One read of a quantized activation: the node and the input index it reads the tensor at. */
export interface ActivationConsumer {
  node: string;
  input: number;
}

export interface QdqActivationPlan {
  /** The float tensor quantized before it reaches `consumers`. */
  tensor: string;
  qmin: number;
  qmax: number;
  /** Nodes that read the quantized value; other readers keep the float tensor. */
  consumers: string[];
  /**
   * Which input of each consumer reads the quantized value (both inputs of an attention
   * MatMul are activations). Absent: every consumer reads it as input 0.
   */
  consumerInputs?: ActivationConsumer[];
  /** Final per-tensor scale (float32). */
  scale: number;
  /**
   * The output of a pass-through op (MaxPool, Reshape, …) on the grid of this quantized
   * tensor, with its scale and zero point: the fake-quant graph needs no node for it.
   */
  sharesRangeOf?: string;
  /**
   * Quantized where it is produced: one QuantizeLinear → DequantizeLinear that every
   * reader shares (an integer op's output). Otherwise each read gets a pair of its own.
   */
  atProducer?: boolean;
  /** Integer zero point inside [qmin, qmax]. */
  zeroPoint: number;
}

export interface QdqExportPlan {
  weights: QdqWeightPlan[];
  activations: QdqActivationPlan[];
  /** Nodes the config keeps in float (quantization.exclude and "float" layers): the export keeps ONNX Runtime from fusing them. */
  floatNodes?: string[];
}

/** Bit width of a symmetric narrow range [−(2^(b−1) − 1), 2^(b−1) − 1]. */
export function symmetricRangeBits(qmax: number): number {
  return Math.round(Math.log2(qmax + 1)) + 1;
}

/** Bit width of an activation range: symmetric narrow ([−q, q]) or full (2^b levels). */
export function activationRangeBits(qmin: number, qmax: number): number {
  return qmin === -qmax ? symmetricRangeBits(qmax) : Math.round(Math.log2(qmax - qmin + 1));
}

/**
 * Names the export gives to the tensors it creates, so that analysis can find them. An
 * activation read several times gets one Q/DQ pair per read: `copy` 0 (the first read)
 * has the plain names, later copies a `_<copy>` suffix. All copies hold the same values.
 */
export function qdqTensorNames(tensor: string, copy = 0): { quantized: string; dequantized: string; scale: string; zeroPoint: string } {
  const suffix = copy === 0 ? '' : `_${copy}`;
  return {
    quantized: `${tensor}_QuantizeLinear_Output${suffix}`,
    dequantized: `${tensor}_DequantizeLinear_Output${suffix}`,
    scale: `${tensor}_scale${suffix}`,
    zeroPoint: `${tensor}_zero_point${suffix}`,
  };
}

/** Every read of a planned activation, input 0 of each consumer when the plan does not say. */
export function activationReads(activation: Pick<QdqActivationPlan, 'consumers' | 'consumerInputs'>): ActivationConsumer[] {
  return activation.consumerInputs ?? activation.consumers.map((node) => ({ node, input: 0 }));
}

/** The plan from the QAT rewrite's lists and each activation's final scale and zero point. */
export function buildExportPlan(
  weights: readonly QdqWeightPlan[],
  activations: readonly { tensor: string; qmin: number; qmax: number; consumers: readonly string[]; consumerInputs?: readonly ActivationConsumer[]; atProducer?: boolean }[],
  activationParameters: ReadonlyMap<string, { scale: number; zeroPoint: number }>,
  shared: readonly { tensor: string; source: string; consumers: readonly string[]; consumerInputs: readonly ActivationConsumer[] }[] = [],
  floatNodes: readonly string[] = [],
): QdqExportPlan {
  const rangeOf = new Map(activations.map((a) => [a.tensor, a]));
  return {
    ...(floatNodes.length > 0 ? { floatNodes: [...floatNodes] } : {}),
    weights: weights.map((w) => ({ tensor: w.tensor, node: w.node, channelAxis: w.channelAxis, qmin: w.qmin, qmax: w.qmax })),
    activations: activations.map((a) => {
      const parameters = activationParameters.get(a.tensor);
      if (!parameters) throw new Error(`activation '${a.tensor}' has no scale and zero point`);
      const consumerInputs = a.consumerInputs ? { consumerInputs: a.consumerInputs.map((c) => ({ ...c })) } : {};
      return { tensor: a.tensor, qmin: a.qmin, qmax: a.qmax, consumers: [...a.consumers], ...consumerInputs, scale: parameters.scale, zeroPoint: parameters.zeroPoint, ...(a.atProducer ? { atProducer: true } : {}) };
    }).concat(shared.map((s) => {
      const source = rangeOf.get(s.source);
      const parameters = activationParameters.get(s.source);
      if (!source || !parameters) throw new Error(`activation '${s.tensor}' shares the range of '${s.source}', which has no scale and zero point`);
      return { tensor: s.tensor, qmin: source.qmin, qmax: source.qmax, consumers: [...s.consumers], consumerInputs: s.consumerInputs.map((c) => ({ ...c })), scale: parameters.scale, zeroPoint: parameters.zeroPoint, sharesRangeOf: s.source, atProducer: true };
    })),
  };
}
