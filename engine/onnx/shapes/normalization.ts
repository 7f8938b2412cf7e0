import type { ShapeFunction } from './shapeFunction.ts';

export const normalizationShapes: Record<string, ShapeFunction> = {};
