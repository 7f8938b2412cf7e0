import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineSplitter, RecentLines } from '../../../extension/engine/recentLines.ts';

describe('engine output lines', () => {
  it('joins lines split across chunks and drops blank ones', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.feed('first li'), []);
    assert.deepEqual(splitter.feed('ne\r\nsecond\n\nthi'), ['first line', 'second']);
    assert.equal(splitter.flush(), 'thi');
    assert.equal(splitter.flush(), undefined);
  });

  it('keeps only the last lines', () => {
    const recent = new RecentLines(3);
    for (const line of ['a', 'b', 'c', 'd']) recent.push(line);
    assert.deepEqual(recent.last(10), ['b', 'c', 'd']);
    assert.deepEqual(recent.last(2), ['c', 'd']);
    assert.deepEqual(recent.last(0), []);
    recent.clear();
    assert.deepEqual(recent.last(5), []);
  });
});
