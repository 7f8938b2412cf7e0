import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { nodeAtPath, parseJsoncTree, pathOf, stringAtPath } from '../../../extension/configAuthoring/jsoncTree.ts';
import { stringValueAt } from '../../../extension/configAuthoring/jsoncLocation.ts';
import { collectTensorReferences, tensorSlotAt } from '../../../extension/configAuthoring/tensorReferences.ts';

/** The text with the cursor marker `|` removed, and the cursor's offset. */
function cursor(textWithBar: string): { text: string; offset: number } {
  const offset = textWithBar.indexOf('|');
  return { text: textWithBar.slice(0, offset) + textWithBar.slice(offset + 1), offset };
}

describe('config authoring: JSONC tree', () => {
  it('parses comments, trailing commas and nested values with offsets', () => {
    const text = '// header\n{\n  "name": "a", /* c */\n  "model": { "path": "m.onnx", },\n  "list": [1, true, null, "x",],\n}\n';
    const root = parseJsoncTree(text)!;
    assert.equal(stringAtPath(root, ['name']), 'a');
    assert.equal(stringAtPath(root, ['model', 'path']), 'm.onnx');
    const list = nodeAtPath(root, ['list'])!;
    assert.deepEqual(list.children.map((c) => c.value), [1, true, null, 'x']);
    const path = nodeAtPath(root, ['model', 'path'])!;
    assert.equal(text.slice(path.offset, path.offset + path.length), '"m.onnx"');
    assert.deepEqual(pathOf(list.children[3]!), ['list', 3]);
  });

  it('decodes escapes and lets the last duplicate key win, as JSON.parse does', () => {
    const root = parseJsoncTree('{ "a": "x\\"y", "a": "z\\u0041" }');
    assert.equal(stringAtPath(root, ['a']), 'zA');
  });

  it('never throws on half-typed text and keeps what it could read', () => {
    for (const text of ['', '{', '{ "a": ', '{ "a": "unterminated\n  "b": 1 }', '{ "a": [1, 2', '{ "a" 1, "b": 2 }', ']]]', '{ "a": tru }']) {
      assert.doesNotThrow(() => parseJsoncTree(text), text);
    }
    assert.equal(nodeAtPath(parseJsoncTree('{ "a": "unterminated\n  "b": 1 }'), ['b'])?.value, 1);
    assert.equal(nodeAtPath(parseJsoncTree('{ "a" 1, "b": 2 }'), ['b'])?.value, 2);
    assert.equal(parseJsoncTree(''), undefined);
  });

  it('finds the string value under the cursor and its path', () => {
    const { text, offset } = cursor('{ "distillation": { "layerMappings": [ { "student": "re|lu", "teacher": "" } ] } }');
    const location = stringValueAt(parseJsoncTree(text), offset)!;
    assert.deepEqual(location.path, ['distillation', 'layerMappings', 0, 'student']);
    assert.equal(text.slice(location.contentStart, location.contentEnd), 'relu');
  });

  it('finds an empty string and an unterminated one at the cursor, but not a key or the outside of quotes', () => {
    const empty = cursor('{ "distillation": { "layerMappings": [ { "teacher": "|" } ] } }');
    assert.deepEqual(stringValueAt(parseJsoncTree(empty.text), empty.offset)?.path, ['distillation', 'layerMappings', 0, 'teacher']);
    const open = cursor('{ "quantization": { "exclude": ["conv|\n');
    assert.deepEqual(stringValueAt(parseJsoncTree(open.text), open.offset)?.path, ['quantization', 'exclude', 0]);
    const key = cursor('{ "na|me": "x" }');
    assert.equal(stringValueAt(parseJsoncTree(key.text), key.offset), undefined);
    const before = cursor('{ "name": |"x" }');
    assert.equal(stringValueAt(parseJsoncTree(before.text), before.offset), undefined);
  });

  it('knows which strings name tensors of which model', () => {
    assert.deepEqual(tensorSlotAt(['distillation', 'layerMappings', 2, 'student']), { model: 'student', kind: 'tensor' });
    assert.deepEqual(tensorSlotAt(['distillation', 'layerMappings', 0, 'teacher']), { model: 'teacher', kind: 'tensor' });
    assert.deepEqual(tensorSlotAt(['distillation', 'selfMappings', 0, 'deep']), { model: 'student', kind: 'tensor' });
    assert.deepEqual(tensorSlotAt(['quantization', 'exclude', 1]), { model: 'student', kind: 'node' });
    assert.equal(tensorSlotAt(['distillation', 'layerMappings', 0, 'loss']), undefined);
    assert.equal(tensorSlotAt(['model', 'path']), undefined);
    const root = parseJsoncTree('{ "distillation": { "layerMappings": [{ "student": "a", "teacher": "b" }], "selfMappings": [{ "shallow": "c", "deep": "d" }] }, "quantization": { "exclude": ["e"] } }');
    assert.deepEqual(collectTensorReferences(root).map((r) => `${r.slot.model}:${r.name}`), ['student:a', 'teacher:b', 'student:c', 'student:d', 'student:e']);
  });
});
