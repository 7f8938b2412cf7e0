import type { GradientRule } from '../gradientRule.ts';

export const normalizationGradients: Record<string, GradientRule> = {};
