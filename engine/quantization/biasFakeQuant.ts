/**
 * The bias of a quantized Conv or Gemm on the int32 grid the INT8 export stores it on
 * (exportQdq.ts): scale s_x · s_w[c], zero point 0, so b_q = round(b / (s_x · s_w[c])) · s_x · s_w[c].
 * ONNX Runtime's integer kernels add the bias to the int32 accumulator, so the exported model
 * computes with b_q; fake-quantizing it in training too makes the student train, evaluate and
 * export with one and the same bias (docs/quantization.md, "The bias"). The int32 range clips
 * nothing, so the bias's gradient is straight through; the scale is only read (StopGradient), so
 * the bias's rounding does not train a learned activation scale.
 */
import { attr, type GraphBuilder } from '../onnx/builder.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** Op types whose bias the export stores as int32 when their weight and input 0 are quantized. */
export const INTEGER_BIAS_OP_TYPES: ReadonlySet<string> = new Set(['Conv', 'Gemm']);

/**
 * Adds b_q for `bias` [C], given the weight's per-channel scale (any shape holding C values, as
 * the weight's FakeQuantize reads it) and the input activation's scalar scale.
 */
export function fakeQuantizeBias(builder: GraphBuilder, bias: string, weightScale: string, activationScale: string): string {
  const channelScale = builder.op('Reshape', [weightScale, builder.int64Constant('bias_scale_shape', [-1])]);
  const [scale] = builder.add('StopGradient', [builder.op('Mul', [channelScale, activationScale])], {}, 1, DISTQ_OP_DOMAIN);
  const [quantized] = builder.add('FakeQuantize', [bias, scale!, builder.floatConstant('bias_zero_point', [0])], { qmin: attr.int(INT32_MIN), qmax: attr.int(INT32_MAX) }, 1, DISTQ_OP_DOMAIN);
  return quantized!;
}
