import type { GradientRule } from '../gradientRule.ts';

export const convGradients: Record<string, GradientRule> = {};
