import type { ShapeFunction } from './shapeFunction.ts';

export const matmulShapes: Record<string, ShapeFunction> = {};
