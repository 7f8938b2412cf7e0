import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { findNodeAtLocation } from 'jsonc-parser';
import { isClosedString, parseConfigTree, propertyKeyAt, stringAt, stringValueAt } from '../../../extension/configAuthoring/configTree.ts';
import { collectTensorReferences, keySlotAt, tensorSlotAt } from '../../../extension/configAuthoring/tensorReferences.ts';

/** The text with the cursor marker `|` removed, and the cursor's offset. */
function cursor(textWithBar: string): { text: string; offset: number } {
  const offset = textWithBar.indexOf('|');
  return { text: textWithBar.slice(0, offset) + textWithBar.slice(offset + 1), offset };
}

describe('config authoring: config tree', () => {
  it('reads comments and trailing commas, with offsets', () => {
    const text = '// header\n{\n  "name": "a", /* c */\n  "model": { "path": "m.onnx", },\n  "list": [1, true, null, "x\\"y",],\n}\n';
    const { root } = parseConfigTree(text);
    assert.equal(stringAt(root, ['name']), 'a');
    assert.equal(stringAt(root, ['model', 'path']), 'm.onnx');
    assert.equal(stringAt(root, ['list', 3]), 'x"y');
    const path = findNodeAtLocation(root!, ['model', 'path'])!;
    assert.equal(text.slice(path.offset, path.offset + path.length), '"m.onnx"');
  });

  it('never throws on half-typed text, keeps what it could read and knows which strings are still open', () => {
    for (const text of ['', '{', '{ "a": ', '{ "a": "unterminated\n  "b": 1 }', '{ "a": [1, 2', '{ "a" 1, "b": 2 }', ']]]', '{ "a": tru }']) {
      assert.doesNotThrow(() => parseConfigTree(text), text);
    }
    const open = parseConfigTree('{ "a": "unterminated\n  "b": "x" }');
    assert.equal(stringAt(open.root, ['b']), 'x');
    assert.equal(isClosedString(open, findNodeAtLocation(open.root!, ['a'])!), false);
    assert.equal(isClosedString(open, findNodeAtLocation(open.root!, ['b'])!), true);
    assert.equal(stringAt(parseConfigTree('{ "a" 1, "b": "y" }').root, ['b']), 'y');
    assert.equal(parseConfigTree('').root, undefined);
  });

  it('finds the string value under the cursor and its path', () => {
    const { text, offset } = cursor('{ "distillation": { "layerMappings": [ { "student": "re|lu", "teacher": "" } ] } }');
    const location = stringValueAt(parseConfigTree(text), offset)!;
    assert.deepEqual(location.path, ['distillation', 'layerMappings', 0, 'student']);
    assert.equal(text.slice(location.contentStart, location.contentEnd), 'relu');
  });

  it('finds an empty string and an unterminated one at the cursor, but not a key or the outside of quotes', () => {
    const empty = cursor('{ "distillation": { "layerMappings": [ { "teacher": "|" } ] } }');
    assert.deepEqual(stringValueAt(parseConfigTree(empty.text), empty.offset)?.path, ['distillation', 'layerMappings', 0, 'teacher']);
    const open = cursor('{ "quantization": { "exclude": ["conv|\n');
    const openLocation = stringValueAt(parseConfigTree(open.text), open.offset);
    assert.deepEqual(openLocation?.path, ['quantization', 'exclude', 0]);
    assert.equal(open.text.slice(openLocation!.contentStart, openLocation!.contentEnd), 'conv', 'an open string runs to its line end');
    const key = cursor('{ "na|me": "x" }');
    assert.equal(stringValueAt(parseConfigTree(key.text), key.offset), undefined);
    const before = cursor('{ "name": |"x" }');
    assert.equal(stringValueAt(parseConfigTree(before.text), before.offset), undefined);
  });

  it('knows which strings name tensors of which model', () => {
    assert.deepEqual(tensorSlotAt(['distillation', 'layerMappings', 2, 'student']), { model: 'student', kind: 'tensor' });
    assert.deepEqual(tensorSlotAt(['distillation', 'layerMappings', 0, 'teacher']), { model: 'teacher', kind: 'tensor' });
    assert.deepEqual(tensorSlotAt(['distillation', 'selfMappings', 0, 'deep']), { model: 'student', kind: 'tensor' });
    assert.deepEqual(tensorSlotAt(['quantization', 'exclude', 1]), { model: 'student', kind: 'node' });
    assert.equal(tensorSlotAt(['distillation', 'layerMappings', 0, 'loss']), undefined);
    assert.equal(tensorSlotAt(['model', 'path']), undefined);
    const { root } = parseConfigTree('{ "distillation": { "layerMappings": [{ "student": "a", "teacher": "b" }], "selfMappings": [{ "shallow": "c", "deep": "d" }] }, "quantization": { "exclude": ["e"] } }');
    assert.deepEqual(collectTensorReferences(root).map((r) => `${r.slot.model}:${r.name}`), ['student:a', 'teacher:b', 'student:c', 'student:d', 'student:e']);
  });

  it('finds a key of quantization.layers under the cursor, completed and checked as a node of the student', () => {
    const typed = cursor('{ "quantization": { "layers": { "con|v2": { "weights": { "bits": 4 } } } } }');
    const location = propertyKeyAt(parseConfigTree(typed.text), typed.offset)!;
    assert.deepEqual(location.path, ['quantization', 'layers', 'conv2']);
    assert.equal(typed.text.slice(location.contentStart, location.contentEnd), 'conv2');
    assert.equal(stringValueAt(parseConfigTree(typed.text), typed.offset), undefined, 'a key is not a value');
    const open = cursor('{ "quantization": { "layers": { "co|\n');
    assert.deepEqual(propertyKeyAt(parseConfigTree(open.text), open.offset)?.path, ['quantization', 'layers', 'co']);
    const value = cursor('{ "quantization": { "layers": { "conv2": "fl|oat" } } }');
    assert.equal(propertyKeyAt(parseConfigTree(value.text), value.offset), undefined, 'a value is not a key');
    assert.deepEqual(keySlotAt(['quantization', 'layers', 'conv2']), { model: 'student', kind: 'node' });
    assert.equal(keySlotAt(['quantization', 'weights']), undefined);
    assert.equal(keySlotAt(['quantization', 'layers', 'conv2', 'weights']), undefined);
    const { root } = parseConfigTree('{ "quantization": { "exclude": ["e"], "layers": { "conv2": "float", "fc": { "activations": { "bits": 6 } } } } }');
    const references = collectTensorReferences(root);
    assert.deepEqual(references.map((r) => `${r.slot.model}:${r.slot.kind}:${r.name}`), ['student:node:e', 'student:node:conv2', 'student:node:fc']);
    assert.equal(references[1]!.node.value, 'conv2', 'the reference is the key itself, where a quick fix replaces it');
  });
});
