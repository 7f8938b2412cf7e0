import type { GradientRule } from '../gradientRule.ts';

export const shapeGradients: Record<string, GradientRule> = {};
