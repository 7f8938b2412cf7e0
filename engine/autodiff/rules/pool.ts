import type { GradientRule } from '../gradientRule.ts';

export const poolGradients: Record<string, GradientRule> = {};
