import type { ShapeFunction } from './shapeFunction.ts';

export const quantShapes: Record<string, ShapeFunction> = {};
