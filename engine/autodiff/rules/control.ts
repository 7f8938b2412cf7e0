/** Rules of DistQ's own control ops. */
import { NO_GRADIENT, type GradientRule } from '../gradientRule.ts';

export const controlGradients: Record<string, GradientRule> = {
  // The deep part of a self-distilled student teaches without being pulled towards the shallow part.
  StopGradient: NO_GRADIENT,
};
