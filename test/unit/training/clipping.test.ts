import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipGradientsByGlobalNorm, clipGradientsByValue, globalGradientNorm } from '../../../engine/training/optim/clipping.ts';
import { assertCloseRelative, reference } from './optimReference.ts';

describe(`gradient clipping against torch.nn.utils (torch ${reference.torchVersion})`, () => {
  for (const testCase of reference.clipping) {
    it(testCase.name, () => {
      const slots = testCase.before.map((values) => ({ gradient: Float32Array.from(values) }));
      const report = testCase.kind === 'norm' ? clipGradientsByGlobalNorm(slots, testCase.maxNorm!) : clipGradientsByValue(slots, testCase.clipValue!);
      assert.equal(report.finite, true);
      assertCloseRelative([report.norm], [testCase.norm], 'norm');
      const changed = testCase.after.some((values, i) => values.some((v, j) => v !== testCase.before[i]![j]));
      assert.equal(report.clipped, changed);
      slots.forEach((slot, i) => assertCloseRelative(slot.gradient, testCase.after[i]!, `gradient ${i}`));
    });
  }
});

describe('gradient clipping edge cases', () => {
  it('global norm spans all gradients', () => {
    assert.equal(globalGradientNorm([{ gradient: Float32Array.of(3) }, { gradient: Float32Array.of(0, 4) }]), 5);
    assert.equal(globalGradientNorm([]), 0);
  });

  it('scales by maxNorm / (norm + 1e-6) exactly when clipping', () => {
    const slots = [{ gradient: Float32Array.of(3, 4) }];
    const report = clipGradientsByGlobalNorm(slots, 1);
    assert.deepEqual(report, { norm: 5, finite: true, clipped: true });
    const scale = Math.fround(1 / Math.fround(5 + Math.fround(1e-6)));
    assert.deepEqual(slots[0]!.gradient, Float32Array.of(3 * scale, 4 * scale));
  });

  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`reports a non-finite norm (${bad}) and leaves the gradients untouched`, () => {
      const slots = [{ gradient: Float32Array.of(1, 2) }, { gradient: Float32Array.of(bad, 5) }];
      for (const clip of [() => clipGradientsByGlobalNorm(slots, 1), () => clipGradientsByValue(slots, 0.5)]) {
        const report = clip();
        assert.equal(report.finite, false);
        assert.equal(report.clipped, false);
        assert.ok(!Number.isFinite(report.norm));
        assert.deepEqual(slots[0]!.gradient, Float32Array.of(1, 2));
        assert.deepEqual(slots[1]!.gradient, Float32Array.of(bad, 5));
      }
    });
  }

  it('a norm that overflows float32 is non-finite even when every element is finite', () => {
    const slots = [{ gradient: Float32Array.of(3e38, 3e38) }];
    const report = clipGradientsByGlobalNorm(slots, 1);
    assert.equal(report.finite, false);
    assert.deepEqual(slots[0]!.gradient, Float32Array.of(3e38, 3e38));
  });

  it('clip by value reports the norm before clipping and whether anything changed', () => {
    const slots = [{ gradient: Float32Array.of(0.1, -0.2) }];
    assert.equal(clipGradientsByValue(slots, 0.5).clipped, false);
    const big = [{ gradient: Float32Array.of(3, -4) }];
    assert.deepEqual(clipGradientsByValue(big, 1), { norm: 5, finite: true, clipped: true });
    assert.deepEqual(big[0]!.gradient, Float32Array.of(1, -1));
  });

  it('rejects non-positive limits', () => {
    assert.throws(() => clipGradientsByGlobalNorm([], 0), /maxNorm must be positive/);
    assert.throws(() => clipGradientsByValue([], -1), /clipValue must be positive/);
  });
});
