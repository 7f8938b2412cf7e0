import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { matcherFeatureAxis, matcherProblem, needsMatcher } from '../../../contracts/matcherShapes.ts';

describe('contracts: matcher shapes', () => {
  it('needs no matcher when only the batch axis differs', () => {
    assert.equal(needsMatcher(['N', 8, 4, 4], ['N', 8, 4, 4]), false);
    assert.equal(needsMatcher([1, 8, 4, 4], ['N', 8, 4, 4]), false);
    assert.equal(needsMatcher(['N', 8], ['N', 16]), true);
    assert.equal(needsMatcher(['N', 8], ['N', 8, 1]), true);
  });

  it('maps axis 1, or the last axis of a sequence', () => {
    assert.equal(matcherFeatureAxis(2), 1);
    assert.equal(matcherFeatureAxis(3), 2);
    assert.equal(matcherFeatureAxis(4), 1);
  });

  it('names the roles it was given', () => {
    assert.match(matcherProblem(['N', 8, 4, 4], ['N', 8, 2, 2], ['shallow', 'deep'])!, /^the shallow tensor \[N, 8, 4, 4\] and the deep tensor \[N, 8, 2, 2\] differ in 2 dimensions/);
    assert.match(matcherProblem(['N', 8, 4, 4, 4], ['N', 16, 4, 4, 4])!, /dimension 1/, 'rank 5 has no matcher');
  });
});
