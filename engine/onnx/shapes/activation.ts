import type { ShapeFunction } from './shapeFunction.ts';

export const activationShapes: Record<string, ShapeFunction> = {};
