import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatDuration, formatLoss, ProgressIncrements, progressMessage, statusBarText, trainingFraction } from '../../../extension/liveRun/progressText.ts';
import type { RunProgressParams } from '../../../contracts/engineProtocol.ts';

const training: RunProgressParams = { runFolder: '/r', phase: 'train', epoch: 2, epochs: 3, step: 40, steps: 125, loss: 0.12345, etaSeconds: 42.4 };

describe('run progress text', () => {
  it('formats durations as m:ss and h:mm:ss', () => {
    assert.equal(formatDuration(0), '0:00');
    assert.equal(formatDuration(42.4), '0:42');
    assert.equal(formatDuration(59.6), '1:00');
    assert.equal(formatDuration(605), '10:05');
    assert.equal(formatDuration(3723), '1:02:03');
    assert.equal(formatDuration(-3), '0:00');
  });

  it('formats losses readably at any magnitude', () => {
    assert.equal(formatLoss(0.12345), '0.123');
    assert.equal(formatLoss(0), '0.000');
    assert.equal(formatLoss(0.0000123), '1.23e-5');
    assert.equal(formatLoss(123456), '1.23e+5');
    assert.equal(formatLoss(Number.NaN), 'NaN');
  });

  it('writes the status bar text: epoch, loss and time left', () => {
    assert.equal(statusBarText(training), '$(sync~spin) DistQ epoch 2/3 · loss 0.123 · ETA 0:42');
    assert.equal(statusBarText(undefined), '$(sync~spin) DistQ starting…');
    assert.equal(statusBarText(training, true), '$(sync~spin) DistQ stopping…');
    assert.equal(statusBarText({ runFolder: '/r', phase: 'prepare' }), '$(sync~spin) DistQ preparing…');
    assert.equal(statusBarText({ runFolder: '/r', phase: 'export' }), '$(sync~spin) DistQ exporting INT8…');
  });

  it('adds steps to the notification message and leaves out what is unknown', () => {
    assert.equal(progressMessage(training), 'epoch 2/3 · step 40/125 · loss 0.123 · ETA 0:42');
    assert.equal(progressMessage({ runFolder: '/r', phase: 'train', epoch: 1, step: 3 }), 'epoch 1 · step 3');
    assert.equal(progressMessage({ runFolder: '/r', phase: 'mystery' }), 'mystery…');
  });

  it('measures training progress over all epochs', () => {
    assert.equal(trainingFraction(training), (125 + 40) / 375);
    assert.equal(trainingFraction({ ...training, epoch: 3, step: 125 }), 1);
    assert.equal(trainingFraction({ runFolder: '/r', phase: 'prepare' }), undefined);
  });

  it('reports progress as positive increments only', () => {
    const increments = new ProgressIncrements();
    assert.equal(increments.next({ runFolder: '/r', phase: 'prepare' }), undefined);
    const first = increments.next({ ...training, epoch: 1, step: 25 })!;
    assert.ok(Math.abs(first - (100 * 25) / 375) < 1e-9);
    const second = increments.next({ ...training, epoch: 1, step: 50 })!;
    assert.ok(Math.abs(first + second - (100 * 50) / 375) < 1e-9);
    assert.equal(increments.next({ ...training, epoch: 1, step: 10 }), undefined, 'never backwards');
  });
});
