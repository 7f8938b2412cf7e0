/** What the user reads about a tuning: the progress line per trial, the end message, and when the config offers the Tune lens. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTuningFile } from '../../../extension/runHistory/analysisFiles.ts';
import { hasTuningSection } from '../../../extension/tuning/tuningSection.ts';
import { trialProgressMessage, tuningEndMessage } from '../../../extension/tuning/tuningText.ts';
import type { TuningFile } from '../../../contracts/tuningReport.ts';

const FIXTURE = path.join(import.meta.dirname, '..', '..', 'fixtures', 'tuning', 'tuning.json');

function fixtureTuning(): TuningFile {
  const tuning = parseTuningFile(JSON.parse(fs.readFileSync(FIXTURE, 'utf8')));
  assert.ok(tuning);
  return tuning;
}

describe('tuning wording', () => {
  it('says per trial which layer changed (or that the choice was retrained), its INT8 accuracy and the target, counting from 1', () => {
    const [start, promoted, , givenBack] = fixtureTuning().trials;
    assert.equal(trialProgressMessage({ trial: promoted!, maxTrials: 12, minimumAccuracy: 0.9805 }), 'trial 2 of 12: promoted conv1 — INT8 97.76 % (target ≥ 98.05 %)');
    assert.equal(trialProgressMessage({ trial: start!, maxTrials: 12, minimumAccuracy: 0.9805 }), 'trial 1 of 12: the run as trained — INT8 97.06 % (target ≥ 98.05 %)');
    assert.equal(trialProgressMessage({ trial: givenBack!, maxTrials: 12, minimumAccuracy: 0.98 }), 'trial 4 of 12: gave back conv1 — INT8 98.10 % (target ≥ 98.00 %)');
    const retrain = { ...givenBack!, index: 12, action: 'retrain' as const, continuedFrom: null };
    assert.equal(trialProgressMessage({ trial: retrain, maxTrials: 12, minimumAccuracy: 0.98 }), 'trial 13, the last: retrained from the student — INT8 98.10 % (target ≥ 98.00 %)');
  });

  it('ends with the chosen trial and the tuned config when the target is met', () => {
    const message = tuningEndMessage('mnist-w4a4-20261205-070000Z', 'finished', fixtureTuning());
    assert.equal(message.tone, 'info');
    assert.equal(message.text, 'DistQ tuning of mnist-w4a4-20261205-070000Z met the target ≥ 98.05 % in 4 trials: trial 4 (gave back conv1) reached INT8 98.10 %; its settings are in mnist-w4a4.tuned.distq.json.');
  });

  it('warns when the target was not met, naming the most accurate trial', () => {
    const tuning = fixtureTuning();
    const unmet: TuningFile = { ...tuning, summary: { met: false, trials: 2, chosen: 1 }, trials: tuning.trials.slice(0, 2), tunedConfigPath: null };
    const message = tuningEndMessage('r', 'finished', unmet);
    assert.equal(message.tone, 'warn');
    assert.equal(message.text, 'DistQ tuning of r did not meet the target ≥ 98.05 % in 2 trials: the most accurate, trial 2 (promoted conv1) reached INT8 97.76 %.');
  });

  it('says a stopped tuning can be continued', () => {
    assert.equal(tuningEndMessage('r', 'stopped', fixtureTuning()).text, 'DistQ tuning of r stopped after 4 trials. Tune the run again to continue from its last trial.');
    assert.equal(tuningEndMessage('r', 'finished', undefined).text, 'DistQ tuning of r finished after 0 trials.');
  });
});

describe('the Tune lens', () => {
  it('shows on configs with a tuning section, not on others', () => {
    assert.equal(hasTuningSection('{ // comment\n "name": "x", "tuning": { "maxTrials": 4 }, }'), true);
    assert.equal(hasTuningSection('{ "name": "x", "tuning": {} }'), true);
    assert.equal(hasTuningSection('{ "name": "x", "training": { "tuning": {} } }'), false);
    assert.equal(hasTuningSection('{ "name": "x" }'), false);
    assert.equal(hasTuningSection('not json'), false);
  });
});
