import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { distqJsonSchema } from '../../../engine/config/jsonSchema.ts';
import { ConfigError, parseConfigText } from '../../../engine/config/loadConfig.ts';
import { effectiveLayerQuantization, effectiveQuantization, floatNodes } from '../../../engine/config/effectiveSections.ts';
import { unknownNodeNames } from '../../../engine/compression/namedNodes.ts';
import { layerSchemesOf } from '../../../engine/quantization/layerSchemes.ts';
import { MAX_BITS, MIN_BITS } from '../../../contracts/quantizationScheme.ts';

function configWithLayers(layers: unknown): string {
  return JSON.stringify({ name: 'layers', model: { path: 'm.onnx' }, data: { kind: 'mnist' }, quantization: { weights: { bits: 8 }, activations: { bits: 8 }, layers } });
}

/** The message of the ConfigError a config with these layers gets. */
function issuesOf(text: string): string {
  let message = '';
  assert.throws(() => parseConfigText(text, 'test.distq.json'), (error: unknown) => {
    message = error instanceof ConfigError ? error.message : '';
    return error instanceof ConfigError;
  });
  return message;
}

describe('quantization.layers: per-layer precision in the config', () => {
  it('reads bit widths for either side and "float"', () => {
    const config = parseConfigText(configWithLayers({ conv1: { weights: { bits: 4 } }, conv2: { activations: { bits: 6 } }, fc: 'float' }), 'test.distq.json');
    assert.deepEqual(config.quantization?.layers, { conv1: { weights: { bits: 4 } }, conv2: { activations: { bits: 6 } }, fc: 'float' });
  });

  it('rejects bits outside the supported range, naming the node\'s field', () => {
    assert.match(issuesOf(configWithLayers({ conv1: { weights: { bits: MAX_BITS + 1 } } })), new RegExp(`quantization\\.layers\\.conv1\\.weights\\.bits should be at most ${MAX_BITS}, not ${MAX_BITS + 1}`));
    assert.match(issuesOf(configWithLayers({ conv1: { activations: { bits: MIN_BITS - 1 } } })), new RegExp(`quantization\\.layers\\.conv1\\.activations\\.bits should be at least ${MIN_BITS}`));
    assert.match(issuesOf(configWithLayers({ conv1: { weights: { bits: 4.5 } } })), /quantization\.layers\.conv1\.weights\.bits should be an integer/);
  });

  it('rejects another word than "float", unknown fields and missing bits', () => {
    assert.match(issuesOf(configWithLayers({ conv1: 'int4' })), /quantization\.layers\.conv1 should be 'float'/);
    assert.match(issuesOf(configWithLayers({ conv1: { weight: { bits: 4 } } })), /quantization\.layers\.conv1\.weight is not a known setting; did you mean 'weights'\?/);
    assert.match(issuesOf(configWithLayers({ conv1: { weights: {} } })), /quantization\.layers\.conv1\.weights\.bits is required/);
    assert.match(issuesOf(configWithLayers(['conv1'])), /quantization\.layers should be an object, not an array/);
  });

  it('gives the editor a schema with node names as keys and the bit range', () => {
    const quantization = (distqJsonSchema().properties as Record<string, { properties: Record<string, Record<string, unknown>> }>).quantization!;
    const layers = quantization.properties.layers!;
    assert.equal(layers.type, 'object');
    const entry = layers.additionalProperties as { oneOf: [{ const: string }, { properties: { weights: { properties: { bits: Record<string, unknown> } } } }] };
    assert.equal(entry.oneOf[0].const, 'float');
    const bits = entry.oneOf[1].properties.weights.properties.bits;
    assert.deepEqual([bits.minimum, bits.maximum, bits.type], [MIN_BITS, MAX_BITS, 'integer']);
  });

  it('resolves each node\'s effective scheme: its own bits over the global scheme, float for "float" and exclude', () => {
    const quantization = effectiveQuantization({ weights: { bits: 8, symmetric: true }, activations: { bits: 8, observer: 'percentile' }, exclude: ['skip'], layers: { conv1: { weights: { bits: 4 } }, conv2: { activations: { bits: 6 } }, fc: 'float' } });
    const conv1 = effectiveLayerQuantization(quantization, 'conv1');
    assert.equal(conv1?.weights.bits, 4);
    assert.equal(conv1?.weights.symmetric, true);
    assert.equal(conv1?.activations.bits, 8);
    assert.equal(conv1?.activations.observer, 'percentile');
    assert.deepEqual([effectiveLayerQuantization(quantization, 'conv2')?.weights.bits, effectiveLayerQuantization(quantization, 'conv2')?.activations.bits], [8, 6]);
    assert.equal(effectiveLayerQuantization(quantization, 'fc'), undefined);
    assert.equal(effectiveLayerQuantization(quantization, 'skip'), undefined);
    assert.deepEqual(effectiveLayerQuantization(quantization, 'other'), { weights: quantization.weights, activations: quantization.activations });
    assert.deepEqual(floatNodes(quantization).sort(), ['fc', 'skip']);
  });

  it('keeps reduceRange for a node at 8 bits and leaves narrower nodes their full range', () => {
    const schemes = layerSchemesOf(effectiveQuantization({ weights: { bits: 4 }, layers: { head: { weights: { bits: 8 } }, body: { weights: { bits: 3 } }, fc: 'float' } }));
    assert.equal(schemes.get('head')?.weights.bits, 7);
    assert.equal(schemes.get('body')?.weights.bits, 3);
    assert.equal(schemes.has('fc'), false);
  });

  it('names the field and the nearest real node for a name the model does not have', () => {
    const quantization = effectiveQuantization({ exclude: ['conv1'], layers: { conv2: 'float', cnov1: { weights: { bits: 4 } }, 'something else entirely': 'float' } });
    assert.deepEqual(unknownNodeNames(quantization, ['conv1', 'conv2', 'linear1']), [
      "quantization.layers: 'cnov1' is not a node; did you mean 'conv1'?",
      "quantization.layers: 'something else entirely' is not a node (the nearest node is 'linear1')",
    ]);
    assert.deepEqual(unknownNodeNames(effectiveQuantization({ exclude: ['conv3'] }), ['conv1']), ["quantization.exclude[0]: 'conv3' is not a node; did you mean 'conv1'?"]);
  });
});
