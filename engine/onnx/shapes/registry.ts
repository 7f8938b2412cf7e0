/** Every shape function DistQ knows, keyed by `domain:opType` (the default domain is ''). */
import type { ShapeFunction } from './shapeFunction.ts';
import { elementwiseShapes } from './elementwise.ts';
import { activationShapes } from './activation.ts';
import { matmulShapes } from './matmul.ts';
import { convShapes } from './conv.ts';
import { poolShapes } from './pool.ts';
import { normalizationShapes } from './normalization.ts';
import { reduceShapes } from './reduce.ts';
import { shapeShapes } from './shape.ts';
import { quantShapes } from './quant.ts';
import { fakeQuantizeShape } from './fakeQuantize.ts';
import { stopGradientShape } from './stopGradient.ts';

/** Custom operators of DistQ's own, lowered to standard ONNX before a session is made. */
export const DISTQ_OP_DOMAIN = 'com.distq';

export function opKey(domain: string, opType: string): string {
  return `${domain === 'ai.onnx' ? '' : domain}:${opType}`;
}

const shapeFunctions = new Map<string, ShapeFunction>();
for (const family of [elementwiseShapes, activationShapes, matmulShapes, convShapes, poolShapes, normalizationShapes, reduceShapes, shapeShapes]) {
  for (const [opType, fn] of Object.entries(family)) shapeFunctions.set(opKey('', opType), fn);
}
for (const [opType, fn] of Object.entries(quantShapes)) shapeFunctions.set(opKey('', opType), fn);
shapeFunctions.set(opKey(DISTQ_OP_DOMAIN, 'FakeQuantize'), fakeQuantizeShape);
shapeFunctions.set(opKey(DISTQ_OP_DOMAIN, 'StopGradient'), stopGradientShape);

export function findShapeFunction(domain: string, opType: string): ShapeFunction | undefined {
  return shapeFunctions.get(opKey(domain, opType));
}

/** Op types of the default domain that DistQ can read, infer and run. */
export function supportedOpTypes(): string[] {
  return [...shapeFunctions.keys()].filter((k) => k.startsWith(':')).map((k) => k.slice(1)).sort();
}
