/**
 * The quantization scheme's shared rules: the bit widths DistQ supports, the scheme a config gets
 * when it says nothing, and the `W8A8` label of a weight/activation precision. The config schema,
 * the engine, the CLI, the new-config wizard and the panels all take them from here.
 * Imports nothing (the contracts folder is shared by the engine, the extension and the webview).
 */

/** Narrowest bit width: 2 bits still leave a signed grid of −1, 0, 1. */
export const MIN_BITS = 2;
/** Widest bit width: integer tensors are stored as int8/uint8. */
export const MAX_BITS = 8;

/** How weights are quantized when a config does not say. */
export const DEFAULT_WEIGHT_SCHEME = { bits: 8, symmetric: true, signed: true, perChannel: true, reduceRange: true } as const;

/** How activations are quantized when a config does not say (uint8, asymmetric: ONNX Runtime's x86 integer kernels take uint8 activations). */
export const DEFAULT_ACTIVATION_SCHEME = { bits: 8, symmetric: false, signed: false } as const;

/** Whether `bits` is a bit width DistQ quantizes to. */
export function isSupportedBits(bits: unknown): bits is number {
  return typeof bits === 'number' && Number.isInteger(bits) && bits >= MIN_BITS && bits <= MAX_BITS;
}

/** `W8A8`, `W4A4`, … */
export function precisionLabel(weightBits: number, activationBits: number): string {
  return `W${weightBits}A${activationBits}`;
}

/** The label of a layer kept in float (`"float"` in `quantization.layers`, or excluded). */
export const FLOAT_PRECISION_LABEL = 'float';

/** One layer's label: `W4A8`; `A8` for a layer without weights, `W4` for one whose inputs stay float, `float` for neither. */
export function layerPrecisionLabel(weightBits: number | undefined, activationBits: number | undefined): string {
  if (weightBits === undefined && activationBits === undefined) return FLOAT_PRECISION_LABEL;
  return `${weightBits === undefined ? '' : `W${weightBits}`}${activationBits === undefined ? '' : `A${activationBits}`}`;
}

/** The bit widths of a label such as `W4A8` (any case), or undefined when it is not one or its widths are unsupported. */
export function parsePrecisionLabel(label: string): { weightBits: number; activationBits: number } | undefined {
  const match = /^W(\d+)A(\d+)$/i.exec(label);
  if (!match) return undefined;
  const weightBits = Number(match[1]);
  const activationBits = Number(match[2]);
  return isSupportedBits(weightBits) && isSupportedBits(activationBits) ? { weightBits, activationBits } : undefined;
}
