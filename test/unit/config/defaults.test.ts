/** Defaults are stated once, on their fields: an omitted section is what parsing fills in, in the parsed config and the JSON Schema alike. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { distqJsonSchema } from '../../../engine/config/jsonSchema.ts';
import { parseConfigText } from '../../../engine/config/loadConfig.ts';
import { effectiveDistillation, effectiveQuantization, TRAINING_DEFAULTS } from '../../../engine/config/effectiveSections.ts';
import { DEFAULT_ACTIVATION_SCHEME, DEFAULT_WEIGHT_SCHEME, isSupportedBits, MAX_BITS, MIN_BITS, parsePrecisionLabel, precisionLabel } from '../../../contracts/quantizationScheme.ts';

const MINIMAL = '{ "name": "a", "model": { "path": "m.onnx" }, "data": { "kind": "mnist" } }';

function schemaAt(keys: string[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], distqJsonSchema());
}

describe('config defaults', () => {
  it('an omitted training section parses to its fields\' defaults, and the JSON Schema offers the same', () => {
    const { training } = parseConfigText(MINIMAL, 'x');
    assert.deepEqual(training, TRAINING_DEFAULTS);
    assert.deepEqual(schemaAt(['properties', 'training', 'default']), training);
    assert.equal(training.optimizer.momentum, 0.9);
    assert.equal(training.schedule.kind, 'cosine');
  });

  it('a partly given section keeps the other fields\' defaults at every depth', () => {
    const config = parseConfigText(MINIMAL.replace(/}$/, ', "training": { "optimizer": { "kind": "adam" } }, "quantization": { "weights": { "bits": 4 } } }'), 'x');
    assert.equal(config.training.batchSize, TRAINING_DEFAULTS.batchSize);
    assert.equal(config.training.optimizer.learningRate, TRAINING_DEFAULTS.optimizer.learningRate);
    assert.deepEqual(config.quantization?.weights, { ...DEFAULT_WEIGHT_SCHEME, bits: 4 });
  });

  it('weights are symmetric and activations asymmetric unless a config says otherwise, each on its own field', () => {
    const quantization = effectiveQuantization(undefined);
    assert.deepEqual(quantization.weights, DEFAULT_WEIGHT_SCHEME);
    assert.deepEqual({ bits: quantization.activations.bits, symmetric: quantization.activations.symmetric, signed: quantization.activations.signed }, DEFAULT_ACTIVATION_SCHEME);
    const quantizationJson = ['properties', 'quantization', 'properties'];
    assert.equal(schemaAt([...quantizationJson, 'weights', 'properties', 'symmetric', 'default']), true);
    assert.equal(schemaAt([...quantizationJson, 'activations', 'properties', 'symmetric', 'default']), false);
    assert.deepEqual(schemaAt([...quantizationJson, 'activations', 'default']), quantization.activations);
    assert.equal(effectiveQuantization({ activations: { symmetric: true } }).activations.symmetric, true);
  });

  it('the bit widths the schema accepts are the shared range', () => {
    for (const section of ['weights', 'activations']) {
      const bits = ['properties', 'quantization', 'properties', section, 'properties', 'bits'];
      assert.equal(schemaAt([...bits, 'minimum']), MIN_BITS);
      assert.equal(schemaAt([...bits, 'maximum']), MAX_BITS);
    }
    assert.throws(() => effectiveQuantization({ weights: { bits: MAX_BITS + 1 } }), /quantization\.weights\.bits should be at most 8, not 9/);
  });

  it('distillation without a kind is kd with a teacher and plain QAT without', () => {
    assert.equal(effectiveDistillation(undefined, true).kind, 'kd');
    assert.equal(effectiveDistillation({ temperature: 2 }, false).kind, 'none');
    assert.equal(effectiveDistillation({ kind: 'self' }, true).kind, 'self');
  });
});

describe('precision labels', () => {
  it('name and read back weight and activation bit widths', () => {
    assert.equal(precisionLabel(8, 8), 'W8A8');
    assert.equal(precisionLabel(4, 2), 'W4A2');
    assert.deepEqual(parsePrecisionLabel('w4a8'), { weightBits: 4, activationBits: 8 });
    assert.equal(parsePrecisionLabel('W9A8'), undefined);
    assert.equal(parsePrecisionLabel('W1A8'), undefined);
    assert.equal(parsePrecisionLabel('8-bit'), undefined);
  });

  it('accept whole bit widths from MIN_BITS to MAX_BITS only', () => {
    assert.deepEqual([1, 2, 4.5, 8, 9, '8'].map(isSupportedBits), [false, true, false, true, false, false]);
  });
});
