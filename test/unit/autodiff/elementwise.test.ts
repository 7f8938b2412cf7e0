import { describe, it } from 'node:test';
import { checkGradients } from '../../support/gradientCheck.ts';

describe('elementwise gradient rules (finite differences, float64)', () => {
  for (const opType of ['Add', 'Sub', 'Mul']) {
    it(`${opType} with equal shapes`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [2, 3] }, { dims: [2, 3] }] });
    });
    it(`${opType} broadcasting a row and a scalar-like column`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [2, 3, 4] }, { dims: [3, 1] }] });
    });
  }
  it('Div keeps the divisor away from zero', async () => {
    await checkGradients({ opType: 'Div', inputs: [{ dims: [2, 3] }, { dims: [3], range: [0.5, 2] }] });
  });
  it('Div broadcasting the numerator', async () => {
    await checkGradients({ opType: 'Div', inputs: [{ dims: [1, 3] }, { dims: [4, 3], range: [0.5, 2] }] });
  });
});
