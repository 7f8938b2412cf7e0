/**
 * What every activation observer shares: the observed range, checks on what it is fed, the
 * scale and zero point of a range, and reading back its plain-JSON checkpoint state.
 */
import { scaleAndZeroPoint, type QuantizationScheme, type ScaleZeroPoint } from './scheme.ts';

export type ObserverKind = 'minmax' | 'movingAverageMinMax' | 'percentile';

export interface ObservedRange {
  min: number;
  max: number;
}

export type ActivationScheme = Pick<QuantizationScheme, 'bits' | 'signed' | 'symmetric'>;

export class ObserverStateError extends Error {}

/** A batch's extremes must be finite and ordered: NaN or ±Infinity would poison every later range. */
export function checkBatchRange(kind: ObserverKind, min: number, max: number): void {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError(`${kind} observer: batch range [${min}, ${max}] is not finite`);
  if (min > max) throw new RangeError(`${kind} observer: batch minimum ${min} exceeds maximum ${max}`);
}

/** Scale and zero point of an observed range (scheme.ts), or an error when nothing was observed. */
export function parametersOfRange(kind: ObserverKind, range: ObservedRange | undefined, scheme: ActivationScheme): ScaleZeroPoint {
  if (!range) throw new Error(`${kind} observer: no range was observed yet, so there is no scale`);
  return scaleAndZeroPoint(range.min, range.max, scheme);
}

/** The fields of a saved observer state, after checking that it belongs to an observer of `kind`. */
export function readState(kind: ObserverKind, state: unknown): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) throw new ObserverStateError(`${kind} observer: the saved state is not an object`);
  const fields = state as Record<string, unknown>;
  if (fields['kind'] !== kind) throw new ObserverStateError(`${kind} observer: the saved state is of a '${String(fields['kind'])}' observer`);
  if (typeof fields['frozen'] !== 'boolean') throw new ObserverStateError(`${kind} observer: the saved state has no 'frozen' flag`);
  return fields;
}

/** A saved range: null (nothing observed) or {min, max} of finite numbers. */
export function readRange(kind: ObserverKind, value: unknown, field: string): ObservedRange | undefined {
  if (value === null) return undefined;
  const range = value as Partial<Record<'min' | 'max', unknown>> | undefined;
  if (typeof range !== 'object' || typeof range.min !== 'number' || typeof range.max !== 'number' || !Number.isFinite(range.min) || !Number.isFinite(range.max)) {
    throw new ObserverStateError(`${kind} observer: saved '${field}' is not null or a {min, max} of finite numbers`);
  }
  return { min: range.min, max: range.max };
}

/** A setting saved with the state must equal the observer's: resuming with another one would not continue the same run. */
export function checkSetting(kind: ObserverKind, name: string, saved: unknown, current: number): void {
  if (saved !== current) throw new ObserverStateError(`${kind} observer: the checkpoint was made with ${name} ${String(saved)}, not ${current}`);
}

/** What the min-max observers share: a range that batches update, until frozen. */
export abstract class RangeTrackingObserver {
  abstract readonly kind: ObserverKind;
  protected current: ObservedRange | undefined;
  protected isFrozen = false;

  range(): ObservedRange | undefined {
    return this.current ? { ...this.current } : undefined;
  }

  quantizationParameters(scheme: ActivationScheme): ScaleZeroPoint {
    return parametersOfRange(this.kind, this.current, scheme);
  }

  freeze(): void {
    this.isFrozen = true;
  }

  get frozen(): boolean {
    return this.isFrozen;
  }
}
