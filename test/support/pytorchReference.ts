/** Checks a DistQ training step against the loss and gradients PyTorch wrote into a fixture's reference file. */
import * as assert from 'node:assert/strict';
import type { StepResult } from '../../engine/training/trainStep.ts';

export interface ReferenceGradient {
  dims: number[];
  data: number[];
}

/** Loss within 1e-5 (relative above 1); each gradient element within 1e-4 of its tensor's largest magnitude, plus 1e-6. */
export function assertStepMatchesPytorch(result: StepResult, parameters: readonly string[], expectedLoss: number, gradients: Record<string, ReferenceGradient>): void {
  assert.ok(Math.abs(result.totalLoss - expectedLoss) <= 1e-5 * Math.max(1, Math.abs(expectedLoss)), `loss ${result.totalLoss} vs PyTorch ${expectedLoss}`);
  parameters.forEach((parameter, i) => {
    const expected = gradients[parameter];
    assert.ok(expected, `PyTorch has a gradient for ${parameter}`);
    const actual = result.gradients[i];
    assert.ok(actual, `DistQ computed a gradient for ${parameter}`);
    assert.equal(actual.length, expected.data.length, `${parameter} gradient size`);
    // The absolute term covers gradients that are zero up to rounding on both sides (e.g. attention's key biases).
    const scale = Math.max(...expected.data.map(Math.abs));
    for (let k = 0; k < actual.length; k++) {
      const error = Math.abs(actual[k]! - expected.data[k]!);
      assert.ok(error <= 1e-4 * scale + 1e-6, `${parameter}[${k}]: ${actual[k]} vs PyTorch ${expected.data[k]}`);
    }
  });
}
