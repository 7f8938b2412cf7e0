import type { GradientRule } from '../gradientRule.ts';

export const quantGradients: Record<string, GradientRule> = {};
