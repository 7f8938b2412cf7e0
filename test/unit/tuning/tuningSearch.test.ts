/** The tuner's decisions over a scripted trial runner: what it promotes, when it stops, what it gives back, and resuming. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { LayerPrecisionSetting, TuningTrial } from '../../../contracts/tuningReport.ts';
import { runTuningLoop, type TrialMeasurement, type TrialRunner } from '../../../engine/tuning/tuningLoop.ts';
import type { TrialRequest, TuningPlan } from '../../../engine/tuning/tuningSearch.ts';

const EIGHT_BITS: LayerPrecisionSetting = { weights: { bits: 8 }, activations: { bits: 8 } };

function planFor(order: string[], options: Partial<TuningPlan> = {}): TuningPlan {
  return { userLayers: {}, order, promotions: Object.fromEntries(order.map((node) => [node, EIGHT_BITS])), maxTrials: 20, retrainChosen: false, ...options };
}

/** A runner whose INT8 accuracy is a base plus a gain for each promoted node; it records what it was asked. */
function scriptedRunner(base: number, gains: Record<string, number>): TrialRunner & { requests: TrialRequest[] } {
  const requests: TrialRequest[] = [];
  return {
    requests,
    runTrial(request): Promise<TrialMeasurement> {
      requests.push(request);
      const promoted = Object.keys(request.layers).filter((node) => JSON.stringify(request.layers[node]) === JSON.stringify(EIGHT_BITS) || request.layers[node] === 'float');
      const int8 = promoted.reduce((sum, node) => sum + (gains[node] ?? 0), base);
      return Promise.resolve({ accuracy: { fakeQuant: int8 + 0.001, int8 }, sizeBytes: 1000 + 100 * promoted.length, latencyMs: null });
    },
  };
}

async function tune(plan: TuningPlan, runner: TrialRunner, minimumAccuracy: number, more: { trials?: TuningTrial[]; timeLeft?: () => boolean } = {}) {
  const saves: { trials: number; finished: boolean }[] = [];
  const outcome = await runTuningLoop({
    plan, minimumAccuracy, runner,
    trials: more.trials,
    save: (trials, _summary, finished) => { saves.push({ trials: trials.length, finished }); },
    timeLeft: more.timeLeft ?? (() => true),
    shouldStop: () => false,
    progress: () => {},
  });
  return { outcome, saves };
}

describe('tuner search', () => {
  it('ends after the start when the run already meets the target, promoting nothing', async () => {
    const runner = scriptedRunner(0.95, { a: 0.01 });
    const { outcome } = await tune(planFor(['a']), runner, 0.94);
    assert.equal(outcome.trials.length, 1);
    assert.equal(outcome.trials[0]!.action, 'start');
    assert.deepEqual(outcome.summary, { met: true, trials: 1, chosen: 0 });
  });

  it('promotes in order of impact, each on top of the last and continuing from its checkpoint, and stops promoting at the first trial that meets', async () => {
    const runner = scriptedRunner(0.90, { a: 0.02, b: 0.02, c: 0.02, d: 0.02 });
    const { outcome } = await tune(planFor(['c', 'a', 'd', 'b']), runner, 0.955);
    const promotions = outcome.trials.filter((t) => t.action === 'promote');
    assert.deepEqual(promotions.map((t) => t.node), ['c', 'a', 'd'], 'b is never promoted: the target held after d');
    assert.deepEqual(promotions.map((t) => t.continuedFrom), [0, 1, 2]);
    assert.deepEqual(Object.keys(outcome.trials[3]!.layers), ['c', 'a', 'd']);
    assert.equal(outcome.trials.findIndex((t) => t.meets), 3);
  });

  it('gives back promotions that are not needed, least impact first, from the chosen trial, and keeps the needed ones', async () => {
    // c and a are promoted before the target holds at d, but c alone adds nothing.
    const runner = scriptedRunner(0.90, { c: 0, a: 0.03, d: 0.03 });
    const { outcome } = await tune(planFor(['c', 'a', 'd']), runner, 0.955);
    const giveBacks = outcome.trials.filter((t) => t.action === 'giveBack');
    assert.deepEqual(giveBacks.map((t) => t.node), ['a', 'c'], 'the last promotion (d) is not tried; then least impact first');
    assert.deepEqual(giveBacks.map((t) => t.meets), [false, true]);
    assert.deepEqual(giveBacks.map((t) => t.continuedFrom), [3, 3]);
    assert.deepEqual(outcome.summary, { met: true, trials: 6, chosen: 5 });
    assert.deepEqual(Object.keys(outcome.trials[5]!.layers).sort(), ['a', 'd']);
  });

  it('stops at maxTrials and, when nothing met the target, chooses the most accurate trial', async () => {
    const runner = scriptedRunner(0.90, { a: 0.02, b: -0.01, c: 0.001 });
    const { outcome } = await tune(planFor(['a', 'b', 'c'], { maxTrials: 3 }), runner, 0.99);
    assert.equal(outcome.trials.length, 3);
    assert.deepEqual(outcome.summary, { met: false, trials: 3, chosen: 1 });
  });

  it('ends when every layer is promoted without meeting the target', async () => {
    const runner = scriptedRunner(0.90, { a: 0.01 });
    const { outcome } = await tune(planFor(['a']), runner, 0.99);
    assert.equal(outcome.trials.length, 2);
    assert.equal(outcome.summary.met, false);
    assert.equal(outcome.finished, true);
  });

  it('starts no trial once the time budget is spent', async () => {
    const runner = scriptedRunner(0.90, { a: 0.1 });
    let checks = 0;
    const { outcome } = await tune(planFor(['a', 'b']), runner, 0.99, { timeLeft: () => ++checks <= 1 });
    assert.equal(outcome.trials.length, 1);
    assert.equal(outcome.finished, true);
  });

  it('keeps the user\'s own layer settings in every trial and restores them when giving a promotion back', async () => {
    const userLayers: Record<string, LayerPrecisionSetting> = { a: { weights: { bits: 4 } }, keep: 'float' };
    const runner = scriptedRunner(0.90, { a: 0, b: 0.1 });
    const { outcome } = await tune(planFor(['a', 'b'], { userLayers }), runner, 0.95);
    for (const trial of outcome.trials) assert.equal(trial.layers.keep, 'float');
    const giveBack = outcome.trials.find((t) => t.action === 'giveBack');
    assert.equal(giveBack?.node, 'a');
    assert.deepEqual(giveBack?.layers.a, { weights: { bits: 4 } });
  });

  it('with retrainChosen, trains the chosen precisions once more from the student, past maxTrials, and chooses it when it meets', async () => {
    const runner = scriptedRunner(0.90, { a: 0.02, b: 0.04 });
    const { outcome } = await tune(planFor(['a', 'b'], { maxTrials: 3, retrainChosen: true }), runner, 0.95);
    assert.deepEqual(outcome.trials.map((t) => t.action), ['start', 'promote', 'promote', 'retrain'], 'the give-back of a has no trial left; the retrain is one more');
    const retrain = outcome.trials[3]!;
    assert.equal(retrain.continuedFrom, null);
    assert.deepEqual(retrain.layers, outcome.trials[2]!.layers);
    assert.deepEqual(outcome.summary, { met: true, trials: 4, chosen: 3 });
  });

  it('keeps the search\'s choice when the retrain misses the target, and retrains nothing when the run itself is chosen', async () => {
    const searched = scriptedRunner(0.90, { a: 0.06 });
    const missingRetrain: TrialRunner = {
      runTrial: (request) => request.action === 'retrain' ? Promise.resolve({ accuracy: { fakeQuant: 0.9, int8: 0.9 }, sizeBytes: 1, latencyMs: null }) : searched.runTrial(request),
    };
    const { outcome } = await tune(planFor(['a'], { retrainChosen: true }), missingRetrain, 0.95);
    assert.deepEqual(outcome.trials.map((t) => [t.action, t.meets]), [['start', false], ['promote', true], ['retrain', false]]);
    assert.deepEqual(outcome.summary, { met: true, trials: 3, chosen: 1 });

    const { outcome: runMeets } = await tune(planFor(['a'], { retrainChosen: true }), scriptedRunner(0.96, { a: 0.01 }), 0.95);
    assert.deepEqual(runMeets.trials.map((t) => t.action), ['start']);
  });

  it('ends a resumed tuning whose retrain is recorded without another trial', async () => {
    const plan = planFor(['a'], { retrainChosen: true });
    const whole = await tune(plan, scriptedRunner(0.90, { a: 0.06 }), 0.95);
    const again = scriptedRunner(0.90, { a: 0.06 });
    const resumed = await tune(plan, again, 0.95, { trials: whole.outcome.trials });
    assert.equal(again.requests.length, 0);
    assert.deepEqual(resumed.outcome.summary, whole.outcome.summary);
  });

  it('saves after every trial and resumes a stopped tuning from its saved trials without rerunning them', async () => {
    const gains = { c: 0, a: 0.03, d: 0.03 };
    const whole = await tune(planFor(['c', 'a', 'd']), scriptedRunner(0.90, gains), 0.955);

    const firstRunner = scriptedRunner(0.90, gains);
    let saved: TuningTrial[] = [];
    const stopped = await runTuningLoop({
      plan: planFor(['c', 'a', 'd']), minimumAccuracy: 0.955, runner: firstRunner,
      save: (trials) => { saved = structuredClone([...trials]); },
      timeLeft: () => true, shouldStop: () => saved.length >= 2, progress: () => {},
    });
    assert.equal(stopped.finished, false);
    assert.equal(saved.length, 2);

    const secondRunner = scriptedRunner(0.90, gains);
    const resumed = await tune(planFor(['c', 'a', 'd']), secondRunner, 0.955, { trials: saved });
    assert.deepEqual(secondRunner.requests.map((r) => r.index), [2, 3, 4, 5]);
    assert.deepEqual(resumed.outcome.trials.map(({ seconds: _s, ...t }) => t), whole.outcome.trials.map(({ seconds: _s, ...t }) => t));
    assert.deepEqual(resumed.saves.at(-1), { trials: 6, finished: true });
  });
});
