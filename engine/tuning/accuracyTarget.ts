/** The accuracy a tuned model must reach: the reference accuracy less `tuning.maxAccuracyLoss`. */
import type { MaxAccuracyLoss } from '../../contracts/tuningReport.ts';

/** Rounding in accuracies measured on a finite test set must not decide a trial: a hair below counts as meeting. */
const TOLERANCE = 1e-9;

/** The lowest accuracy (fraction) that meets the target against `referenceAccuracy` (fraction). */
export function minimumAccuracy(referenceAccuracy: number, maxLoss: MaxAccuracyLoss): number {
  return 'relative' in maxLoss ? referenceAccuracy * (1 - maxLoss.relative) : referenceAccuracy - maxLoss.absolutePp / 100;
}

export function meetsTarget(accuracy: number, minimum: number): boolean {
  return accuracy >= minimum - TOLERANCE;
}
