import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CRASH_WINDOW_MS, RestartPolicy } from '../../../extension/engine/restartPolicy.ts';

describe('engine restart policy', () => {
  it('restarts up to maxRestarts crashes within the window, then gives up', () => {
    const policy = new RestartPolicy(() => 3);
    assert.equal(policy.recordCrash(0), true);
    assert.equal(policy.recordCrash(1000), true);
    assert.equal(policy.recordCrash(2000), true);
    assert.equal(policy.recordCrash(3000), false);
    assert.equal(policy.mayRestart(3001), false);
    assert.equal(policy.crashCount(3001), 4);
  });

  it('forgets crashes older than three minutes', () => {
    const policy = new RestartPolicy(() => 1);
    assert.equal(policy.recordCrash(0), true);
    assert.equal(policy.recordCrash(CRASH_WINDOW_MS - 1), false);
    assert.equal(policy.mayRestart(CRASH_WINDOW_MS + 1), true, 'the first crash left the window');
    assert.equal(policy.recordCrash(2 * CRASH_WINDOW_MS), true);
  });

  it('reads the limit each time (the setting may change) and treats negatives as zero', () => {
    let limit = 0;
    const policy = new RestartPolicy(() => limit);
    assert.equal(policy.recordCrash(0), false);
    limit = 2;
    assert.equal(policy.mayRestart(1), true);
    limit = -5;
    assert.equal(policy.mayRestart(1), false);
  });

  it('reset forgets every crash', () => {
    const policy = new RestartPolicy(() => 0);
    policy.recordCrash(0);
    policy.reset();
    assert.equal(policy.mayRestart(1), true);
    assert.equal(policy.crashCount(1), 0);
  });
});
