import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr } from '../../../engine/onnx/builder.ts';
import { checkGradients } from '../../support/gradientCheck.ts';

describe('BatchNormalization gradient, inference form (finite differences, float64)', () => {
  const shapes: [string, number[]][] = [
    ['NCHW', [2, 3, 4, 5]],
    ['N×C (after a Gemm)', [4, 3]],
    ['NCL (1-D)', [2, 3, 6]],
  ];
  for (const [label, x] of shapes) {
    it(`${label}: X, scale and bias; mean and variance constant`, async () => {
      const c = x[1]!;
      const report = await checkGradients({
        opType: 'BatchNormalization',
        inputs: [{ dims: x }, { dims: [c] }, { dims: [c] }, { dims: [c], differentiable: false }, { dims: [c], range: [0.2, 1.5], differentiable: false }],
        attributes: { epsilon: attr.float(1e-3) },
      });
      assert.ok(report.checked > 0);
    });
  }
});
