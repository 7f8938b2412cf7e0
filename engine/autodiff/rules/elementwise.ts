/** Gradients of elementwise arithmetic, with broadcasting undone by `unbroadcast`. */
import { attr } from '../../onnx/builder.ts';
import { NO_GRADIENT, type GradientContext, type GradientRule } from '../gradientRule.ts';
import { unbroadcast } from './broadcast.ts';
import { passWhere } from './mask.ts';

/** ∂(A^B)/∂A = B · A^(B−1), with the common constant exponents folded. */
function powerDerivative(c: GradientContext, base: string, exponent: string): string {
  const constant = c.constantOf(exponent);
  if (constant && constant.data.length === 1) {
    const p = Number(constant.data[0]);
    if (p === 2) return c.op('Add', [base, base]);
    return c.op('Mul', [c.op('Pow', [base, c.scalar(p - 1, base)]), c.scalar(p, base)]);
  }
  const baseType = c.dataTypeOf(base);
  const b = c.dataTypeOf(exponent) === baseType ? exponent : c.op('Cast', [exponent], { to: attr.int(baseType) });
  return c.op('Mul', [b, c.op('Pow', [base, c.op('Sub', [b, c.scalar(1, base)])])]);
}

/**
 * Max and Min of two inputs: the gradient goes to the input that was selected; on a tie
 * (A = B) all of it goes to the first input, as `firstWins` compares with equality.
 */
function selectionGradient(firstWins: 'GreaterOrEqual' | 'LessOrEqual'): GradientRule {
  return (c) => {
    const dY = c.gradOfOutput(0)!;
    const count = c.node.inputs.length;
    if (count === 1) {
      if (c.needsGradOfInput(0)) c.setGradOfInput(0, dY);
      return;
    }
    if (count > 2) c.fail(`the gradient of ${c.node.opType} is defined for one or two inputs, not ${count}; chain two-input nodes`);
    const dA = passWhere(c, dY, c.op(firstWins, [c.input(0), c.input(1)]));
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dA, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op('Sub', [dY, dA]), 1));
  };
}

export const elementwiseGradients: Record<string, GradientRule> = {
  // dA = dY, dB = dY
  Add: (c) => {
    const dY = c.gradOfOutput(0)!;
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dY, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, dY, 1));
  },
  // dA = dY, dB = −dY
  Sub: (c) => {
    const dY = c.gradOfOutput(0)!;
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dY, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op('Neg', [dY]), 1));
  },
  // dA = dY · B, dB = dY · A
  Mul: (c) => {
    const dY = c.gradOfOutput(0)!;
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, c.op('Mul', [dY, c.input(1)]), 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op('Mul', [dY, c.input(0)]), 1));
  },
  // dA = dY / B, dB = −dY · Y / B
  Div: (c) => {
    const dY = c.gradOfOutput(0)!;
    const dYOverB = c.op('Div', [dY, c.input(1)]);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dYOverB, 0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op('Neg', [c.op('Mul', [dYOverB, c.output(0)])]), 1));
  },
  // dXᵢ = dY for every input
  Sum: (c) => {
    const dY = c.gradOfOutput(0)!;
    c.node.inputs.forEach((_, i) => {
      if (c.needsGradOfInput(i)) c.setGradOfInput(i, unbroadcast(c, dY, i));
    });
  },
  // dA = dY · B · A^(B−1), dB = dY · Y · ln A
  Pow: (c) => {
    const dY = c.gradOfOutput(0)!;
    const [base, exponent] = [c.input(0), c.input(1)];
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, c.op('Mul', [dY, powerDerivative(c, base, exponent)]), 0));
    if (c.needsGradOfInput(1)) {
      const dB = c.op('Mul', [dY, c.op('Mul', [c.output(0), c.op('Log', [base])])]);
      const exponentType = c.dataTypeOf(exponent);
      const typed = exponentType === c.dataTypeOf(base) ? dB : c.op('Cast', [dB], { to: attr.int(exponentType) });
      c.setGradOfInput(1, unbroadcast(c, typed, 1));
    }
  },
  // dX = −dY
  Neg: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('Neg', [c.gradOfOutput(0)!]));
  },
  // dX = dY / (2Y)
  Sqrt: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op('Div', [c.gradOfOutput(0)!, c.op('Add', [y, y])]));
  },
  // dX = dY · Y
  Exp: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, c.output(0)]));
  },
  // dX = dY / X
  Log: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('Div', [c.gradOfOutput(0)!, c.input(0)]));
  },
  // dX = dY · sign(X); zero at X = 0
  Abs: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, c.op('Sign', [c.input(0)])]));
  },
  // dX = −dY · Y²
  Reciprocal: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op('Mul', [c.op('Neg', [c.gradOfOutput(0)!]), c.op('Mul', [y, y])]));
  },
  // dA = dY · [A ≥ B], dB = dY − dA (ties go to A)
  Max: selectionGradient('GreaterOrEqual'),
  // dA = dY · [A ≤ B], dB = dY − dA (ties go to A)
  Min: selectionGradient('LessOrEqual'),
  // dX = dY · C, dY' = dY − dX; the condition C has none
  Where: (c) => {
    const dY = c.gradOfOutput(0)!;
    const dX = passWhere(c, dY, c.input(0));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, dX, 1));
    if (c.needsGradOfInput(2)) c.setGradOfInput(2, unbroadcast(c, c.op('Sub', [dY, dX]), 2));
  },
  // Boolean outputs, or piecewise-constant functions whose derivative is zero almost everywhere
  // (fake quantization defines its own straight-through gradient instead).
  Equal: NO_GRADIENT,
  Less: NO_GRADIENT,
  Greater: NO_GRADIENT,
  LessOrEqual: NO_GRADIENT,
  GreaterOrEqual: NO_GRADIENT,
  Not: NO_GRADIENT,
  And: NO_GRADIENT,
  Or: NO_GRADIENT,
  IsNaN: NO_GRADIENT,
  IsInf: NO_GRADIENT,
  Round: NO_GRADIENT,
  Floor: NO_GRADIENT,
  Ceil: NO_GRADIENT,
  Sign: NO_GRADIENT,
};
