/** Gradients of elementwise arithmetic, with broadcasting undone by `unbroadcast`. */
import type { GradientRule } from '../gradientRule.ts';
import { unbroadcast } from './broadcast.ts';

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
};
