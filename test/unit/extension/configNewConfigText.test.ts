import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseConfigText } from '../../../engine/config/loadConfig.ts';
import { parseJsonc } from '../../../engine/config/jsonc.ts';
import { CommentedObject, commentLines, renderJsonc } from '../../../extension/configAuthoring/jsoncWriter.ts';
import { newConfigText } from '../../../extension/configAuthoring/newConfigText.ts';
import { answersProblem, configNameFromFile, type NewConfigAnswers } from '../../../extension/configAuthoring/newConfigAnswers.ts';
import { relativeConfigPath } from '../../../extension/configAuthoring/relativePath.ts';
import { LAYER_MAPPING_RULE } from '../../../extension/configAuthoring/mappingProposal.ts';
import type { StudentReading } from '../../../extension/configAuthoring/studentReading.ts';
import { DEFAULT_SPAM_SEQUENCE_LENGTH, DEFAULT_SPAM_VOCAB_SIZE } from '../../../engine/data/text/spamAssassinTokens.ts';

const base: NewConfigAnswers & { file: string } = {
  teacher: '/work/models/cnn.onnx',
  student: '/work/models/small.onnx',
  data: { kind: 'mnist' },
  distillation: 'kd',
  precision: { weightBits: 8, activationBits: 8 },
  file: '/work/configs/small.distq.json',
};

/** A trained student, as the engine's model/evaluate reports one: the wizard writes the fine-tune schedule. */
const TRAINED: StudentReading = { evaluation: { accuracy: 0.98, examples: 1000, classCount: 10, majorityShare: 0.11 } };

describe('config authoring: relative paths', () => {
  it('writes paths relative to the config folder with forward slashes', () => {
    assert.equal(relativeConfigPath('/work/configs', '/work/models/a.onnx'), '../models/a.onnx');
    assert.equal(relativeConfigPath('/work', '/work/a.onnx'), 'a.onnx');
    assert.equal(relativeConfigPath('C:\\work\\configs', 'C:\\work\\models\\a.onnx', path.win32), '../models/a.onnx');
    assert.equal(relativeConfigPath('C:\\work', 'D:\\data\\x.npz', path.win32), 'D:/data/x.npz', 'another drive has no relative path');
  });
});

describe('config authoring: JSONC writer', () => {
  it('wraps comments and puts one above each property', () => {
    const text = renderJsonc(['header'], new CommentedObject([{ key: 'a', value: 1, comment: 'one' }, { key: 'b', value: { c: [1, 2] } }]));
    assert.equal(text, '// header\n{\n  // one\n  "a": 1,\n  "b": { "c": [1, 2] }\n}\n');
    assert.ok(commentLines('word '.repeat(60), '  ').every((line) => line.length <= 100 && line.startsWith('  // ')));
  });
});

describe('config authoring: new config text', () => {
  it('writes a KD config that the engine accepts, with relative paths and comments', () => {
    const text = newConfigText(base, {}, TRAINED);
    assert.match(text, /^\/\/ DistQ config: QAT of small\.onnx at W8A8 with knowledge distillation from cnn\.onnx\./);
    assert.ok(!text.includes('$schema'), 'jsonValidation maps *.distq.json; no path is written');
    const config = parseConfigText(text, base.file);
    assert.equal(config.name, 'small');
    assert.equal(config.model.path, '../models/small.onnx');
    assert.equal(config.teacher?.path, '../models/cnn.onnx');
    assert.equal(config.distillation?.kind, 'kd');
    assert.equal(config.quantization?.weights.bits, 8);
    assert.equal(config.data.kind, 'mnist');
  });

  it('writes proposed layer mappings with the rule as a comment', () => {
    const text = newConfigText({ ...base, distillation: 'intermediate', precision: { weightBits: 4, activationBits: 4 } }, {
      layerMappings: [{ student: 'relu1_out', teacher: 'relu2_out', loss: 'MSE' }, { student: 'logits', teacher: 'logits', loss: 'KL' }],
    }, TRAINED);
    const config = parseConfigText(text, base.file);
    assert.deepEqual(config.distillation?.layerMappings?.map((m) => [m.student, m.teacher, m.loss]), [['relu1_out', 'relu2_out', 'MSE'], ['logits', 'logits', 'KL']]);
    assert.equal(config.quantization?.activations.bits, 4);
    const comments = text.split('\n').filter((l) => l.trim().startsWith('//')).map((l) => l.trim().slice(3)).join(' ');
    assert.ok(comments.includes(LAYER_MAPPING_RULE));
    assert.ok(!text.includes('"weight"'), 'without a proposed weight the engine\'s default applies');
  });

  it('pure QAT of the teacher names the same file twice; self and none write no teacher', () => {
    const same = parseConfigText(newConfigText({ ...base, student: 'same' }, {}, TRAINED), base.file);
    assert.equal(same.model.path, same.teacher?.path);
    const self = parseConfigText(newConfigText({ ...base, distillation: 'self' }, { selfMappings: [{ shallow: 'relu1_out', deep: 'logits', loss: 'KL' }] }, TRAINED), base.file);
    assert.equal(self.teacher, undefined);
    assert.equal(self.distillation?.selfMappings?.[0]?.shallow, 'relu1_out');
    assert.equal(parseConfigText(newConfigText({ ...base, distillation: 'none' }, {}, TRAINED), base.file).teacher, undefined);
  });

  it('says why mappings are missing when the models could not be read', () => {
    const text = newConfigText({ ...base, distillation: 'intermediate' }, { unavailable: 'the workspace is not trusted.' }, TRAINED);
    assert.match(text, /Fill in pairs of tensor names \(student, teacher\): the workspace is not trusted\./);
    assert.deepEqual((parseJsonc(text) as { distillation: { layerMappings: unknown[] } }).distillation.layerMappings, []);
  });

  it('writes npz and npy data paths relative to the config', () => {
    const npz = parseConfigText(newConfigText({ ...base, data: { kind: 'npz', path: '/work/configs/data/d.npz' } }, {}, TRAINED), base.file);
    assert.deepEqual(npz.data, { kind: 'npz', path: 'data/d.npz', trainInputs: 'x_train', trainLabels: 'y_train', testInputs: 'x_test', testLabels: 'y_test' });
    const npy = parseConfigText(newConfigText({ ...base, data: { kind: 'npy', trainInputs: '/work/a.npy', trainLabels: '/work/b.npy', testInputs: '/work/c.npy', testLabels: '/work/d.npy' } }, {}, TRAINED), base.file);
    assert.deepEqual(npy.data, { kind: 'npy', trainInputs: '../a.npy', trainLabels: '../b.npy', testInputs: '../c.npy', testLabels: '../d.npy' });
  });

  it('writes the built-in SpamAssassin task with the vocabulary and sequence length the model must fit', () => {
    const text = newConfigText({ ...base, data: { kind: 'spamassassin' } }, {}, TRAINED);
    const config = parseConfigText(text, base.file);
    assert.deepEqual(config.data, { kind: 'spamassassin', vocabSize: DEFAULT_SPAM_VOCAB_SIZE, sequenceLength: DEFAULT_SPAM_SEQUENCE_LENGTH });
    const written = (parseJsonc(text) as { data: Record<string, unknown> }).data;
    assert.deepEqual(Object.keys(written), ['kind', 'vocabSize', 'sequenceLength'], 'both numbers are in the file, not left to defaults');
    const comments = text.split('\n').filter((l) => l.trim().startsWith('//')).map((l) => l.trim().slice(3)).join(' ');
    assert.match(comments, /embedding table needs vocabSize rows and its inputs sequenceLength positions/);
  });

  it('writes a token .npz path relative to the config', () => {
    const below = parseConfigText(newConfigText({ ...base, data: { kind: 'tokens', path: '/work/configs/text/tokens.npz' } }, {}, TRAINED), base.file);
    assert.deepEqual(below.data, { kind: 'tokens', path: 'text/tokens.npz' });
    const beside = parseConfigText(newConfigText({ ...base, data: { kind: 'tokens', path: '/work/data/tokens.npz' } }, {}, TRAINED), base.file);
    assert.deepEqual(beside.data, { kind: 'tokens', path: '../data/tokens.npz' });
    const windows = newConfigText({ ...base, file: 'C:\\work\\configs\\s.distq.json', data: { kind: 'tokens', path: 'C:\\work\\data\\t.npz' } }, {}, TRAINED, path.win32);
    assert.equal((parseJsonc(windows) as { data: { path: string } }).data.path, '../data/t.npz');
  });

  it('names configs as the schema allows and checks test-seam answers', () => {
    assert.equal(configNameFromFile('my model (v2).distq.json'), 'my-model-v2');
    assert.equal(configNameFromFile('.distq.json'), 'distq');
    assert.equal(answersProblem(base), undefined);
    assert.match(answersProblem({ ...base, precision: { weightBits: 1, activationBits: 8 } })!, /precision/);
    assert.match(answersProblem({ ...base, distillation: 'fancy' })!, /distillation/);
    assert.match(answersProblem({ ...base, file: 'x.json' })!, /\.distq\.json/);
  });

  it('accepts every data kind in test-seam answers and refuses others with the list of kinds', () => {
    const npy = { kind: 'npy', trainInputs: '/a.npy', trainLabels: '/b.npy', testInputs: '/c.npy', testLabels: '/d.npy' };
    for (const data of [{ kind: 'mnist' }, { kind: 'npz', path: '/d.npz' }, npy, { kind: 'spamassassin' }, { kind: 'tokens', path: '/t.npz' }]) {
      assert.equal(answersProblem({ ...base, data }), undefined, data.kind);
    }
    const kinds = "answers.data.kind must be one of mnist, npz, npy, spamassassin, tokens";
    assert.equal(answersProblem({ ...base, data: { kind: 'text' } }), kinds);
    assert.equal(answersProblem({ ...base, data: undefined }), kinds);
    assert.equal(answersProblem({ ...base, data: { kind: 'tokens' } }), "answers.data.path must be a file path (data kind 'tokens')");
    assert.equal(answersProblem({ ...base, data: { kind: 'npz', path: '' } }), "answers.data.path must be a file path (data kind 'npz')");
    assert.equal(answersProblem({ ...base, data: { ...npy, testLabels: 3 } }), "answers.data.testLabels must be a file path (data kind 'npy')");
  });
});
