/**
 * Gradient clipping before the optimizer step. Both clippers return the global L2 norm of the
 * gradients before clipping (the trainer logs it) and never throw on a non-finite norm: they leave
 * the gradients untouched and report `finite: false`, so the trainer can skip the step.
 */
import type { ParameterSlot } from './optimizer.ts';

export type GradientHolder = Pick<ParameterSlot, 'gradient'>;

export interface GradientNormReport {
  /** Global L2 norm over all gradients before clipping, rounded to float32 as PyTorch returns it. */
  norm: number;
  /** False when the norm is NaN or ±Infinity; the gradients were then left untouched. */
  finite: boolean;
  /** True when some gradient was changed. */
  clipped: boolean;
}

/** ‖(g₁, …, gₙ)‖₂, accumulated in float64. */
export function globalGradientNorm(slots: readonly GradientHolder[]): number {
  let sumOfSquares = 0;
  for (const slot of slots) {
    const gradient = slot.gradient;
    for (let i = 0; i < gradient.length; i++) sumOfSquares += gradient[i]! * gradient[i]!;
  }
  return Math.fround(Math.sqrt(sumOfSquares));
}

/**
 * torch.nn.utils.clip_grad_norm_ (L2): scale = maxNorm / (norm + 1e-6); when it is below 1 every
 * gradient is multiplied by it in place. Float32 like PyTorch, which forms the scale as
 * reciprocal(norm + 1e-6) · maxNorm.
 */
export function clipGradientsByGlobalNorm(slots: readonly GradientHolder[], maxNorm: number): GradientNormReport {
  if (!(maxNorm > 0)) throw new RangeError(`clipping: maxNorm must be positive, got ${maxNorm}`);
  const norm = globalGradientNorm(slots);
  if (!Number.isFinite(norm)) return { norm, finite: false, clipped: false };
  const scale = Math.fround(Math.fround(1 / Math.fround(norm + Math.fround(1e-6))) * Math.fround(maxNorm));
  if (scale >= 1) return { norm, finite: true, clipped: false };
  for (const slot of slots) {
    const gradient = slot.gradient;
    for (let i = 0; i < gradient.length; i++) gradient[i] = gradient[i]! * scale;
  }
  return { norm, finite: true, clipped: true };
}

/** torch.nn.utils.clip_grad_value_: clamps every gradient element to [−clipValue, clipValue] in place. */
export function clipGradientsByValue(slots: readonly GradientHolder[], clipValue: number): GradientNormReport {
  if (!(clipValue > 0)) throw new RangeError(`clipping: clipValue must be positive, got ${clipValue}`);
  const norm = globalGradientNorm(slots);
  if (!Number.isFinite(norm)) return { norm, finite: false, clipped: false };
  const limit = Math.fround(clipValue);
  let clipped = false;
  for (const slot of slots) {
    const gradient = slot.gradient;
    for (let i = 0; i < gradient.length; i++) {
      const g = gradient[i]!;
      if (g > limit) {
        gradient[i] = limit;
        clipped = true;
      } else if (g < -limit) {
        gradient[i] = -limit;
        clipped = true;
      }
    }
  }
  return { norm, finite: true, clipped };
}
