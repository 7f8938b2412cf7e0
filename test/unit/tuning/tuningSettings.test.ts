/** The tuning section of the config, the accuracy target, the promotion order and the tuned config beside the user's. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfigText } from '../../../engine/config/loadConfig.ts';
import { meetsTarget, minimumAccuracy } from '../../../engine/tuning/accuracyTarget.ts';
import { promotedPrecision, promotionOrder } from '../../../engine/tuning/promotionOrder.ts';
import { tunedConfigText, writeTunedConfig } from '../../../engine/tuning/tunedConfig.ts';
import { tunedConfigFileName } from '../../../contracts/tuningReport.ts';
import type { LayerSensitivity } from '../../../contracts/sensitivityReport.ts';

function configWithTuning(tuning: unknown): string {
  return JSON.stringify({ name: 'tuned', model: { path: 'm.onnx' }, data: { kind: 'mnist' }, tuning });
}

describe('tuning config section', () => {
  it('fills in its defaults', () => {
    assert.deepEqual(parseConfigText(configWithTuning({}), 't.distq.json').tuning, { maxAccuracyLoss: { absolutePp: 0.3 }, maxTrials: 12, fallback: 'int8', epochsPerTrial: 1 });
  });

  it('takes a relative or an absolute loss, not both and not neither', () => {
    assert.deepEqual(parseConfigText(configWithTuning({ maxAccuracyLoss: { relative: 0.01 } }), 't.distq.json').tuning?.maxAccuracyLoss, { relative: 0.01 });
    assert.throws(() => parseConfigText(configWithTuning({ maxAccuracyLoss: { relative: 0.01, absolutePp: 0.3 } }), 't.distq.json'), (e: unknown) => e instanceof ConfigError && /tuning\.maxAccuracyLoss\.absolutePp is not a known setting/.test(e.message));
    assert.throws(() => parseConfigText(configWithTuning({ maxAccuracyLoss: {} }), 't.distq.json'), (e: unknown) => e instanceof ConfigError && /tuning\.maxAccuracyLoss\.absolutePp is required/.test(e.message));
    assert.throws(() => parseConfigText(configWithTuning({ fallback: 'int4' }), 't.distq.json'), ConfigError);
  });
});

describe('accuracy target', () => {
  it('subtracts percentage points or a fraction of the reference', () => {
    assert.ok(Math.abs(minimumAccuracy(0.98, { absolutePp: 0.3 }) - 0.977) < 1e-12);
    assert.ok(Math.abs(minimumAccuracy(0.9, { relative: 0.01 }) - 0.891) < 1e-12);
  });

  it('counts an accuracy equal to the minimum up to rounding as meeting it, and one a test example below as not', () => {
    const minimum = minimumAccuracy(0.98, { absolutePp: 0.3 });
    assert.equal(meetsTarget(0.977, minimum), true);
    assert.equal(meetsTarget(0.977 - 1 / 2000, minimum), false);
  });
});

describe('promotion order', () => {
  const layer = (node: string, impactPp: number | null): LayerSensitivity => ({ node, opType: 'Conv', onlyQuantized: null, onlyFloat: null, impactPp, proxies: { ownSqnr: null, accumulatedSqnr: null, outputGradient: null } });

  it('puts the most measured impact first and unmeasured layers last in their order', () => {
    assert.deepEqual(promotionOrder({ layers: [layer('small', 0.1), layer('late1', null), layer('big', 2), layer('late2', null), layer('mid', 0.5)] }), ['big', 'mid', 'small', 'late1', 'late2']);
  });

  it('promotes a low-bit layer to 8 bits with int8, and to float when it is at 8 bits already or the fallback is float', () => {
    assert.deepEqual(promotedPrecision('int8', { weights: 4, activations: 8 }), { weights: { bits: 8 }, activations: { bits: 8 } });
    assert.equal(promotedPrecision('int8', { weights: 8, activations: 8 }), 'float');
    assert.equal(promotedPrecision('float', { weights: 2, activations: 4 }), 'float');
  });
});

describe('tuned config', () => {
  const userText = '// mine\n{ "name": "mnist", "model": { "path": "m.onnx" }, "data": { "kind": "mnist" }, "quantization": { "weights": { "bits": 4 } } }';

  it('is the user\'s config with the chosen layers and a name of its own', () => {
    const tuned = JSON.parse(tunedConfigText(userText, { conv1: 'float' })) as Record<string, unknown>;
    assert.equal(tuned.name, 'mnist-tuned');
    assert.deepEqual(tuned.quantization, { weights: { bits: 4 }, layers: { conv1: 'float' } });
    assert.deepEqual(tuned.model, { path: 'm.onnx' });
    assert.doesNotThrow(() => parseConfigText(tunedConfigText(userText, { conv1: 'float' }), 'mnist.tuned.distq.json'));
  });

  it('is written beside the config under a free name and never over an existing file, the user\'s config included', () => {
    const folder = mkdtempSync(join(tmpdir(), 'distq-tuned-'));
    const configPath = join(folder, 'mnist.distq.json');
    writeFileSync(configPath, userText);
    assert.equal(tunedConfigFileName('mnist.distq.json'), 'mnist.tuned.distq.json');
    const first = writeTunedConfig(configPath, 'first');
    const second = writeTunedConfig(configPath, 'second');
    assert.equal(first, join(folder, 'mnist.tuned.distq.json'));
    assert.equal(second, join(folder, 'mnist.tuned-2.distq.json'));
    assert.equal(readFileSync(first, 'utf8'), 'first');
    assert.equal(readFileSync(configPath, 'utf8'), userText);
  });
});
