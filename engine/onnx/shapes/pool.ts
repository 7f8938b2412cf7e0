import type { ShapeFunction } from './shapeFunction.ts';

export const poolShapes: Record<string, ShapeFunction> = {};
