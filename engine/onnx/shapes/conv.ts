import type { ShapeFunction } from './shapeFunction.ts';

export const convShapes: Record<string, ShapeFunction> = {};
