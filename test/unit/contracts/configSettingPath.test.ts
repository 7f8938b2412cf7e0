/** A run that fails because of a config setting takes the user to it: the engine's message names the setting, the extension finds it in the file. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { settingOfMessage } from '../../../contracts/configSettingPath.ts';
import { ConfigError, parseConfigText } from '../../../engine/config/loadConfig.ts';
import { parseConfigTree, settingValueRange } from '../../../extension/configAuthoring/configTree.ts';

const CONFIG = `// a config
{
  "name": "cnn",
  "model": { "path": "cnn.onnx" },
  "data": { "kind": "mnist" },
  "distillation": { "kind": "none", "lossTypes": ["KL", "CE"] },
  "quantization": { "exclude": ["conv1", 7] },
  "training": { "epochs": 3, "optimizer": { "kind": "sgd", "learningRate": "fast" } }
}
`;

/** The engine's own message for a text, as a run's failure reports it. */
function configErrorOf(text: string): string {
  try {
    parseConfigText(text, '/work/examples/cnn.distq.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the config was accepted');
}

/** The text a setting's selection would cover. */
function selected(text: string, message: string): string | undefined {
  const setting = settingOfMessage(message);
  const range = setting && settingValueRange(parseConfigTree(text), setting);
  return range && text.slice(range.offset, range.offset + range.length);
}

describe('a failure caused by a config setting', () => {
  it('reads the setting a message names first, with or without the config file in front', () => {
    assert.deepEqual(settingOfMessage("distillation.lossTypes[0]: 'KL' is not a loss against labels; use CE or MSE"), ['distillation', 'lossTypes', 0]);
    assert.deepEqual(settingOfMessage('/w/cnn.distq.json: quantization.exclude[1] should be a string; training.epochs is required'), ['quantization', 'exclude', 1]);
    assert.deepEqual(settingOfMessage('C:\\w\\my cnn.distq.json: teacher is required'), ['teacher']);
    assert.deepEqual(settingOfMessage("quantization.exclude names no node of /w/cnn.onnx: conv9"), ['quantization', 'exclude']);
    assert.deepEqual(settingOfMessage('distillation.layerMappings[2].teacher: teacher tensor \'x\' is not in t.onnx'), ['distillation', 'layerMappings', 2, 'teacher']);
  });

  it('reads none from a message that does not start with a setting', () => {
    assert.equal(settingOfMessage('the loss became NaN at epoch 1, step 3 (learning rate 0.5); lower the learning rate or set training.gradientClipNorm'), undefined);
    assert.equal(settingOfMessage('/w/cnn.distq.json: does not exist'), undefined);
    assert.equal(settingOfMessage('/w/cnn.distq.json: is not valid JSON at line 3, column 5: a value was expected'), undefined);
    assert.equal(settingOfMessage('student is required'), undefined);
    assert.equal(settingOfMessage(''), undefined);
  });

  it("selects the value the engine's own config error names", () => {
    const message = configErrorOf(CONFIG);
    assert.match(message, /^\/work\/examples\/cnn\.distq\.json: /);
    assert.equal(selected(CONFIG, message), '7');
    assert.equal(selected(CONFIG, configErrorOf(CONFIG.replace('["conv1", 7]', '["conv1"]'))), '"fast"');
  });

  it('selects the array item, the property value, or the nearest enclosing setting the file has', () => {
    assert.equal(selected(CONFIG, "distillation.lossTypes[0]: 'KL' is not a loss against labels"), '"KL"');
    assert.equal(selected(CONFIG, 'quantization.exclude names no node of cnn.onnx: conv1'), '["conv1", 7]');
    assert.equal(selected(CONFIG, 'distillation.layerMappings: intermediate-layer distillation needs at least one mapping'), '{ "kind": "none", "lossTypes": ["KL", "CE"] }');
    assert.equal(selected(CONFIG, '/w/cnn.distq.json: teacher is required'), undefined);
  });
});
