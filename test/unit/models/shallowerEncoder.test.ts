import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildTransformerClassifier, type TransformerClassifierSpec } from '../../../engine/models/transformerBuilder.ts';
import { evenlyKeptLayers, shallowerEncoder } from '../../../engine/models/shallowerEncoder.ts';

const spec: TransformerClassifierSpec = { name: 'teacher', vocabularySize: 30, sequenceLength: 6, hiddenSize: 8, heads: 2, layers: 4, intermediateSize: 16, classes: 2, seed: 4 };

describe('shallowerEncoder', () => {
  it('keeps the last layer of each group of teacher layers', () => {
    assert.deepEqual(evenlyKeptLayers(4, 2), [1, 3]);
    assert.deepEqual(evenlyKeptLayers(4, 4), [0, 1, 2, 3]);
    assert.deepEqual(evenlyKeptLayers(6, 3), [1, 3, 5]);
    assert.deepEqual(evenlyKeptLayers(4, 1), [3]);
    assert.throws(() => evenlyKeptLayers(2, 3), /a student of 3 layers cannot keep layers of a 2-layer teacher/);
  });

  it('copies embeddings and classifier, and teacher layer keptLayers[j] into student layer j', () => {
    const teacher = buildTransformerClassifier(spec);
    const student = shallowerEncoder(teacher, { ...spec, name: 'student', layers: 2, seed: 9 }, [1, 3]);
    const names = [...student.graph.initializers.keys()];
    assert.ok(names.some((n) => n.startsWith('layer1/')) && !names.some((n) => n.startsWith('layer2/')));
    for (const [name, tensor] of student.graph.initializers) {
      const layer = /^layer(\d+)\//.exec(name);
      const source = layer ? name.replace(/^layer\d+/, `layer${[1, 3][Number(layer[1])]}`) : name;
      assert.deepEqual([...tensor.data], [...teacher.graph.initializers.get(source)!.data], `${name} from ${source}`);
      assert.notEqual(tensor.data, teacher.graph.initializers.get(source)!.data, `${name} is a copy`);
    }
  });

  it('names the missing or misshapen teacher weight', () => {
    const teacher = buildTransformerClassifier(spec);
    assert.throws(() => shallowerEncoder(teacher, { ...spec, name: 'wide', layers: 2, hiddenSize: 16 }, [1, 3]), /wide: teacher initializer '.*' has shape \[.*\], the student's '.*' \[.*\]/);
    assert.throws(() => shallowerEncoder(teacher, { ...spec, name: 'deep', layers: 2 }, [1, 7]), /deep: the teacher has no initializer 'layer7\/.*'/);
  });
});
