/** Makes the activation observer a config asks for. */
import type { QuantizationConfig } from '../config/distqConfig.ts';
import type { RangeObserver } from './activationRanges.ts';
import { createActivationObserver } from '../quantization/observers.ts';

export function createRangeObserver(settings: QuantizationConfig['activations']): RangeObserver {
  return createActivationObserver(settings);
}
