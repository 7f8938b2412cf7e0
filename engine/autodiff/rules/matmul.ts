import type { GradientRule } from '../gradientRule.ts';

export const matmulGradients: Record<string, GradientRule> = {};
