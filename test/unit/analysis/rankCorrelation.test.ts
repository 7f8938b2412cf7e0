/** Spearman's rank correlation against values worked out by hand and against the textbook formula; the time budget's example count. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fractionalRanks, spearmanCorrelation } from '../../../engine/analysis/rankCorrelation.ts';
import { evenlySpacedIndices, examplesWithinBudget, MIN_SENSITIVITY_EXAMPLES } from '../../../engine/analysis/sensitivityBudget.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

describe('Spearman rank correlation', () => {
  it('gives tied values their mean rank', () => {
    assert.deepEqual(fractionalRanks([3, 1, 2, 2]), [4, 1, 2.5, 2.5]);
    assert.deepEqual(fractionalRanks([5, 5, 5]), [2, 2, 2]);
  });

  it('matches a hand computation with ties', () => {
    // Ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5, ρ = 4.5 / √22.5.
    assert.ok(Math.abs(spearmanCorrelation([1, 2, 2, 3], [10, 30, 20, 40])! - 4.5 / Math.sqrt(22.5)) < 1e-12);
  });

  it('without ties equals 1 − 6Σd² / (n(n² − 1))', () => {
    const random = new SeededRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + (trial % 9);
      const x = Array.from({ length: n }, () => random.next());
      const y = Array.from({ length: n }, () => random.next());
      const rank = (values: number[]): number[] => values.map((v) => 1 + values.filter((w) => w < v).length);
      const rx = rank(x);
      const ry = rank(y);
      const d2 = rx.reduce((sum, r, i) => sum + (r - ry[i]!) ** 2, 0);
      assert.ok(Math.abs(spearmanCorrelation(x, y)! - (1 - (6 * d2) / (n * (n * n - 1)))) < 1e-12);
    }
  });

  it('is +1 and −1 for monotonic relations, skips missing pairs, and is null without spread', () => {
    assert.equal(spearmanCorrelation([1, 2, 3, 4], [1, 8, 27, 64]), 1);
    assert.equal(spearmanCorrelation([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    assert.equal(spearmanCorrelation([1, null, 3, 4], [1, 100, 2, 3]), 1);
    assert.equal(spearmanCorrelation([1, 1, 1], [1, 2, 3]), null);
    assert.equal(spearmanCorrelation([1], [1]), null);
  });
});

describe('the sensitivity time budget', () => {
  const cost = { secondsFixed: 0.2, secondsPerExample: 0.001 };

  it('keeps every example without a budget or when they fit', () => {
    assert.deepEqual(examplesWithinBudget(10000, 9, undefined, cost), { examples: 10000, limited: false });
    assert.deepEqual(examplesWithinBudget(10000, 9, 9 * (0.2 + 10), cost), { examples: 10000, limited: false });
  });

  it('cuts the examples to what the budget affords, never below the minimum', () => {
    assert.deepEqual(examplesWithinBudget(10000, 10, 10 * (0.2 + 2), cost), { examples: 2000, limited: true });
    assert.deepEqual(examplesWithinBudget(10000, 10, 1, cost), { examples: MIN_SENSITIVITY_EXAMPLES, limited: true });
    assert.deepEqual(examplesWithinBudget(50, 10, 0.001, cost), { examples: 50, limited: false });
  });

  it('spreads a subset evenly over the test set', () => {
    assert.deepEqual([...evenlySpacedIndices(10, 4)], [0, 2, 5, 7]);
    assert.deepEqual([...evenlySpacedIndices(3, 5)], [0, 1, 2]);
  });
});
