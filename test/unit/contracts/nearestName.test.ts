import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { editDistance, likelyMeantName, nearestName } from '../../../contracts/nearestName.ts';

describe('contracts: nearest name', () => {
  it('measures insertions, deletions and substitutions', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('flaw', 'lawn'), 2);
  });

  it('suggests the closest candidate ignoring case, the first on a tie', () => {
    assert.equal(nearestName('Relu1_Out', ['pool1_out', 'relu1_out']), 'relu1_out');
    assert.equal(nearestName('relu_1', ['logits', 'relu1_out', 'pool1_out']), 'relu1_out');
    assert.equal(nearestName('ab', ['ax', 'xb']), 'ax');
    assert.equal(nearestName('x', []), undefined);
  });

  it('calls a name likely meant only when it is a plausible typo', () => {
    assert.equal(likelyMeantName('lerningRate', ['learningRate', 'momentum']), 'learningRate');
    assert.equal(likelyMeantName('zzzz', ['learningRate', 'momentum']), undefined);
    assert.equal(nearestName('zzzz', ['learningRate', 'momentum']), 'momentum', 'the editor still offers the nearest');
  });
});
