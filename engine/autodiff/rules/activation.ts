/**
 * Gradients of activations. At a kink the gradient takes the value of the flat side:
 * Relu and Clip pass nothing when X sits exactly on 0 or on a bound (as Clip(X, 0) = Relu(X)
 * must agree, and as PyTorch's relu and hardtanh do); LeakyRelu uses α at 0.
 */
import { attr, getFloat, getInt, getString } from '../../onnx/builder.ts';
import type { GradientRule } from '../gradientRule.ts';
import { passWhere } from './mask.ts';

export const activationGradients: Record<string, GradientRule> = {
  // dX = dY · [Y > 0]: exactly where X > 0; reading Y leaves X to the Relu alone, so ONNX Runtime fuses Conv + Relu
  Relu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, passWhere(c, c.gradOfOutput(0)!, c.op('Greater', [y, c.scalar(0, y)])));
  },
  // dX = dY where X > 0, else α · dY
  LeakyRelu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [x, dY] = [c.input(0), c.gradOfOutput(0)!];
    const alpha = c.scalar(getFloat(c.node, 'alpha', 0.01), x);
    c.setGradOfInput(0, c.op('Where', [c.op('Greater', [x, c.scalar(0, x)]), dY, c.op('Mul', [dY, alpha])]));
  },
  // dX = dY · Y · (1 − Y)
  Sigmoid: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, c.op('Mul', [y, c.op('Sub', [c.scalar(1, y), y])])]));
  },
  // dX = dY · (1 − Y²)
  Tanh: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, c.op('Sub', [c.scalar(1, y), c.op('Mul', [y, y])])]));
  },
  // dX = dY · [min < X < max]; dmin = Σ dY · [X ≤ min], dmax = Σ dY · [X ≥ max] (assumes min ≤ max)
  Clip: (c) => {
    const [x, dY] = [c.input(0), c.gradOfOutput(0)!];
    const hasMin = c.hasInput(1);
    const hasMax = c.hasInput(2);
    if (c.needsGradOfInput(0)) {
      const aboveMin = hasMin ? c.op('Greater', [x, c.input(1)]) : undefined;
      const belowMax = hasMax ? c.op('Less', [x, c.input(2)]) : undefined;
      const inside = aboveMin && belowMax ? c.op('And', [aboveMin, belowMax]) : (aboveMin ?? belowMax);
      c.setGradOfInput(0, inside ? passWhere(c, dY, inside) : dY);
    }
    const total = (mask: string): string => c.op('ReduceSum', [passWhere(c, dY, mask)], { keepdims: attr.int(0) });
    if (hasMin && c.needsGradOfInput(1)) c.setGradOfInput(1, total(c.op('LessOrEqual', [x, c.input(1)])));
    if (hasMax && c.needsGradOfInput(2)) c.setGradOfInput(2, total(c.op('GreaterOrEqual', [x, c.input(2)])));
  },
  // dX = Y · (dY − Σₐₓᵢₛ dY · Y)
  Softmax: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [y, dY] = [c.output(0), c.gradOfOutput(0)!];
    const dot = c.op('ReduceSum', [c.op('Mul', [dY, y]), c.ints([getInt(c.node, 'axis', -1)])], { keepdims: attr.int(1) });
    c.setGradOfInput(0, c.op('Mul', [y, c.op('Sub', [dY, dot])]));
  },
  // dX = dY − exp(Y) · Σₐₓᵢₛ dY
  LogSoftmax: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [y, dY] = [c.output(0), c.gradOfOutput(0)!];
    const total = c.op('ReduceSum', [dY, c.ints([getInt(c.node, 'axis', -1)])], { keepdims: attr.int(1) });
    c.setGradOfInput(0, c.op('Sub', [dY, c.op('Mul', [c.op('Exp', [y]), total])]));
  },
  // dX = dY where X > 0, else dY · (Y + α)
  Elu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const [x, y, dY] = [c.input(0), c.output(0), c.gradOfOutput(0)!];
    const slope = c.op('Add', [y, c.scalar(getFloat(c.node, 'alpha', 1), y)]);
    c.setGradOfInput(0, c.op('Where', [c.op('Greater', [x, c.scalar(0, x)]), dY, c.op('Mul', [dY, slope])]));
  },
  // dX = dY · σ(X)
  Softplus: (c) => {
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, c.op('Sigmoid', [c.input(0)])]));
  },
  // dX = α · dY · [0 < Y < 1]  (Y = clip(αX + β, 0, 1); nothing passes at the kinks)
  HardSigmoid: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const y = c.output(0);
    const inside = c.op('And', [c.op('Greater', [y, c.scalar(0, y)]), c.op('Less', [y, c.scalar(1, y)])]);
    const scaled = c.op('Mul', [c.gradOfOutput(0)!, c.scalar(getFloat(c.node, 'alpha', 0.2), y)]);
    c.setGradOfInput(0, passWhere(c, scaled, inside));
  },
  // Y = X · clip(X/6 + ½, 0, 1);  dX = dY · (0 if X < −3, X/3 + ½ if X ≤ 3, else 1), as PyTorch's hardswish_backward
  HardSwish: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const x = c.input(0);
    const dY = c.gradOfOutput(0)!;
    const middle = c.op('Add', [c.op('Mul', [x, c.scalar(1 / 3, x)]), c.scalar(0.5, x)]);
    const slope = c.op('Where', [c.op('Less', [x, c.scalar(-3, x)]), c.scalar(0, x), c.op('Where', [c.op('LessOrEqual', [x, c.scalar(3, x)]), middle, c.scalar(1, x)])]);
    c.setGradOfInput(0, c.op('Mul', [dY, slope]));
  },
  // dX = dY · 2/√π · exp(−X²)
  Erf: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const x = c.input(0);
    const bell = c.op('Exp', [c.op('Neg', [c.op('Mul', [x, x])])]);
    c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, c.op('Mul', [bell, c.scalar(2 / Math.sqrt(Math.PI), x)])]));
  },
  // 'none': Y = X·Φ(X), dX = dY · (Φ(X) + X·φ(X)) with Φ(X) = ½(1 + erf(X/√2)), φ(X) = exp(−X²/2)/√(2π)
  // 'tanh': Y = ½X(1 + t), t = tanh(√(2/π)·(X + 0.044715·X³)); dX = dY · (½(1 + t) + ½X(1 − t²)·√(2/π)·(1 + 3·0.044715·X²))
  Gelu: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const x = c.input(0);
    const approximate = getString(c.node, 'approximate', 'none');
    const k = (value: number): string => c.scalar(value, x);
    const square = c.op('Mul', [x, x]);
    let slope: string;
    if (approximate === 'none') {
      const cdf = c.op('Mul', [k(0.5), c.op('Add', [k(1), c.op('Erf', [c.op('Mul', [x, k(Math.SQRT1_2)])])])]);
      const density = c.op('Mul', [c.op('Exp', [c.op('Mul', [square, k(-0.5)])]), k(1 / Math.sqrt(2 * Math.PI))]);
      slope = c.op('Add', [cdf, c.op('Mul', [x, density])]);
    } else if (approximate === 'tanh') {
      const cubic = 0.044715;
      const scale = Math.sqrt(2 / Math.PI);
      const inner = c.op('Mul', [k(scale), c.op('Add', [x, c.op('Mul', [k(cubic), c.op('Mul', [square, x])])])]);
      const t = c.op('Tanh', [inner]);
      const innerSlope = c.op('Mul', [k(scale), c.op('Add', [k(1), c.op('Mul', [k(3 * cubic), square])])]);
      const half = c.op('Mul', [k(0.5), c.op('Add', [k(1), t])]);
      const tail = c.op('Mul', [c.op('Mul', [k(0.5), x]), c.op('Mul', [c.op('Sub', [k(1), c.op('Mul', [t, t])]), innerSlope])]);
      slope = c.op('Add', [half, tail]);
    } else {
      return c.fail(`Gelu's approximate must be 'none' or 'tanh', not '${approximate}'`);
    }
    c.setGradOfInput(0, c.op('Mul', [c.gradOfOutput(0)!, slope]));
  },
};
