/** A run's outcome message gives way to the next run of the same config: which outcomes may still be on screen. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { OpenOutcomeToasts } from '../../../extension/liveRun/openOutcomeToasts.ts';

/** A message as the VS Code API returns it: settles when the user answers or closes it. */
function message(): { closed: Promise<string | undefined>; answer(choice?: string): Promise<void>; fail(): Promise<void> } {
  let answer!: (choice: string | undefined) => void;
  let fail!: (error: Error) => void;
  const closed = new Promise<string | undefined>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  // Two turns: the tracker's own handler runs after the message settles.
  const settled = async (): Promise<void> => {
    await closed.catch(() => undefined);
    await Promise.resolve();
  };
  return { closed, answer: async (choice) => (answer(choice), settled()), fail: async () => (fail(new Error('gone')), settled()) };
}

describe('run outcome messages give way to the next run', () => {
  it('holds an outcome open until it is answered or closed, per config', async () => {
    const toasts = new OpenOutcomeToasts();
    const failed = message();
    toasts.track('/w/cnn.distq.json', failed.closed);
    assert.equal(toasts.isOpen('/w/cnn.distq.json'), true, 'the failed toast is still up: the next run of cnn hides it');
    assert.equal(toasts.isOpen('/w/mlp.distq.json'), false, 'another config has nothing to hide');
    await failed.answer('Show Log');
    assert.equal(toasts.isOpen('/w/cnn.distq.json'), false);
  });

  it('counts several outcomes of one config, and a message that rejects as closed', async () => {
    const toasts = new OpenOutcomeToasts();
    const stopped = message();
    const failed = message();
    toasts.track('/w/cnn.distq.json', stopped.closed);
    toasts.track('/w/cnn.distq.json', failed.closed);
    await stopped.answer(undefined);
    assert.equal(toasts.isOpen('/w/cnn.distq.json'), true, 'the failed one is still up');
    await failed.fail();
    assert.equal(toasts.isOpen('/w/cnn.distq.json'), false);
  });
});
