/** The gradient rules DistQ knows, keyed like the shape functions (`domain:opType`). */
import { NO_GRADIENT, type GradientRule } from './gradientRule.ts';
import { opKey } from '../onnx/shapes/registry.ts';
import { elementwiseGradients } from './rules/elementwise.ts';
import { activationGradients } from './rules/activation.ts';
import { matmulGradients } from './rules/matmul.ts';
import { convGradients } from './rules/conv.ts';
import { poolGradients } from './rules/pool.ts';
import { normalizationGradients } from './rules/normalization.ts';
import { reduceGradients } from './rules/reduce.ts';
import { shapeGradients } from './rules/shape.ts';
import { quantGradients } from './rules/quant.ts';
import { controlGradients } from './rules/control.ts';
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';

const gradientRules = new Map<string, GradientRule>();
for (const family of [elementwiseGradients, activationGradients, matmulGradients, convGradients, poolGradients, normalizationGradients, reduceGradients, shapeGradients]) {
  for (const [opType, rule] of Object.entries(family)) gradientRules.set(opKey('', opType), rule);
}
for (const family of [quantGradients, controlGradients]) {
  for (const [opType, rule] of Object.entries(family)) gradientRules.set(opKey(DISTQ_OP_DOMAIN, opType), rule);
}

export function findGradientRule(domain: string, opType: string): GradientRule | undefined {
  return gradientRules.get(opKey(domain, opType));
}

function opTypesWhere(keep: (rule: GradientRule) => boolean): string[] {
  return [...gradientRules].filter(([, rule]) => keep(rule)).map(([k]) => k.replace(/^:/, '')).sort();
}

/** Ops with a gradient rule (DistQ's own as `domain:opType`). */
export function differentiableOpTypes(): string[] {
  return opTypesWhere((rule) => rule !== NO_GRADIENT);
}

/** Ops registered as having no gradient (integer outputs, masks, shape arithmetic). */
export function gradientFreeOpTypes(): string[] {
  return opTypesWhere((rule) => rule === NO_GRADIENT);
}
