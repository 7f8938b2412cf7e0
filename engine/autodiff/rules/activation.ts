import type { GradientRule } from '../gradientRule.ts';

export const activationGradients: Record<string, GradientRule> = {};
