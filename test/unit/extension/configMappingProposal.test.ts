import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ModelDescription, TensorDescription } from '../../../contracts/engineProtocol.ts';
import { blockOutputs, proposeLayerMappings, proposeSelfMappings } from '../../../extension/configAuthoring/mappingProposal.ts';
import { matcherProblem } from '../../../contracts/matcherShapes.ts';

type Layer = [name: string, op: string, shape: (number | string)[] | null];

/** A description in graph order: an input, one weight, then one output per listed node. */
function model(file: string, layers: Layer[]): ModelDescription {
  const tensors: TensorDescription[] = [
    { name: 'input', producer: 'input', node: '', dataType: 'float32', shape: ['N', 1, 28, 28] },
    { name: 'conv1.weight', producer: 'initializer', node: '', dataType: 'float32', shape: [8, 1, 3, 3] },
    ...layers.map(([name, op, shape]): TensorDescription => ({ name, producer: op, node: `${name}_node`, dataType: 'float32', shape })),
  ];
  return { path: file, opset: 17, producer: 'test', inputs: ['input'], outputs: [layers[layers.length - 1]![0]], tensors };
}

const teacher = model('teacher.onnx', [
  ['t_conv1', 'Conv', ['N', 32, 28, 28]], ['t_relu1', 'Relu', ['N', 32, 28, 28]],
  ['t_conv2', 'Conv', ['N', 32, 28, 28]], ['t_relu2', 'Relu', ['N', 32, 28, 28]],
  ['t_pool1', 'MaxPool', ['N', 32, 14, 14]],
  ['t_conv3', 'Conv', ['N', 64, 14, 14]], ['t_relu3', 'Relu', ['N', 64, 14, 14]],
  ['t_conv4', 'Conv', ['N', 64, 14, 14]], ['t_relu4', 'Relu', ['N', 64, 14, 14]],
  ['t_pool2', 'MaxPool', ['N', 64, 7, 7]],
  ['t_flat', 'Flatten', ['N', 3136]], ['t_logits', 'Gemm', ['N', 10]],
]);

const student = model('student.onnx', [
  ['s_conv1', 'Conv', ['N', 8, 28, 28]], ['s_relu1', 'Relu', ['N', 8, 28, 28]],
  ['s_pool1', 'MaxPool', ['N', 8, 14, 14]],
  ['s_conv2', 'Conv', ['N', 16, 14, 14]], ['s_relu2', 'Relu', ['N', 16, 14, 14]],
  ['s_pool2', 'MaxPool', ['N', 16, 7, 7]],
  ['s_flat', 'Flatten', ['N', 784]], ['s_hidden', 'Gemm', ['N', 32]], ['s_relu3', 'Relu', ['N', 32]], ['s_logits', 'Gemm', ['N', 10]],
]);

describe('config authoring: mapping proposal', () => {
  it('takes Relu, MaxPool, AveragePool, Add and Gemm outputs in graph order, without the logits', () => {
    assert.deepEqual(blockOutputs(student).map((t) => t.name), ['s_relu1', 's_pool1', 's_relu2', 's_pool2', 's_hidden', 's_relu3']);
  });

  it('pairs blocks in order when a matcher bridges their shapes, skips blocks with no partner left, and ends with the logits', () => {
    assert.deepEqual(proposeLayerMappings(student, teacher), [
      { student: 's_relu1', teacher: 't_relu1', loss: 'MSE' },
      { student: 's_pool1', teacher: 't_pool1', loss: 'MSE' },
      { student: 's_relu2', teacher: 't_relu3', loss: 'MSE' },
      { student: 's_pool2', teacher: 't_pool2', loss: 'MSE' },
      { student: 's_logits', teacher: 't_logits', loss: 'KL' },
    ]);
  });

  it('takes every second teacher block when the teacher has twice as many', () => {
    const deep = model('deep.onnx', [['a1', 'Relu', ['N', 4]], ['a2', 'Relu', ['N', 4]], ['a3', 'Relu', ['N', 4]], ['a4', 'Relu', ['N', 4]], ['out', 'Gemm', ['N', 10]]]);
    const shallow = model('shallow.onnx', [['b1', 'Relu', ['N', 2]], ['b2', 'Relu', ['N', 2]], ['out', 'Gemm', ['N', 10]]]);
    assert.deepEqual(proposeLayerMappings(shallow, deep).map((m) => `${m.student}→${m.teacher}`), ['b1→a2', 'b2→a4', 'out→out']);
  });

  it('maps a model to itself block by block (pure QAT of the teacher)', () => {
    const mappings = proposeLayerMappings(teacher, teacher);
    assert.ok(mappings.every((m) => m.student === m.teacher));
    assert.equal(mappings.length, blockOutputs(teacher).length + 1);
  });

  it('always includes the logits pair, even when no block pairs', () => {
    const mlp = model('mlp.onnx', [['h', 'Gemm', ['N', 5, 3]], ['out', 'Gemm', ['N', 10]]]);
    assert.deepEqual(proposeLayerMappings(mlp, teacher), [{ student: 'out', teacher: 't_logits', loss: 'KL' }]);
  });

  it('proposes self-distillation from the end of each resolution stage to the logits', () => {
    assert.deepEqual(proposeSelfMappings(student).map((m) => `${m.shallow}→${m.deep}`), ['s_relu1→s_logits', 's_relu2→s_logits', 's_pool2→s_logits', 's_relu3→s_logits']);
  });
});

describe('config authoring: matcher shape rule', () => {
  it('bridges only the feature dimension: axis 1 for rank 2 and 4, the last for rank 3', () => {
    assert.equal(matcherProblem(['N', 8, 14, 14], ['N', 32, 14, 14]), undefined);
    assert.equal(matcherProblem(['N', 64], ['N', 128]), undefined);
    assert.equal(matcherProblem(['N', 10, 64], ['N', 10, 128]), undefined);
    assert.equal(matcherProblem([1, 8, 14, 14], ['N', 8, 14, 14]), undefined, 'the batch axis becomes N in both before training');
    assert.match(matcherProblem(['N', 8, 14, 14], ['N', 8, 7, 7])!, /differ in 2 dimensions/);
    assert.match(matcherProblem(['N', 8, 14, 14], ['N', 16, 7, 7])!, /differ in 3 dimensions/);
    assert.match(matcherProblem(['N', 10, 64], ['N', 12, 64])!, /dimension 1; a matcher bridges only the feature dimension \(the last\)/);
    assert.match(matcherProblem(['N', 8, 14, 14], ['N', 392])!, /different ranks/);
    assert.match(matcherProblem(['N', 'C', 4, 4], ['N', 8, 4, 4])!, /dimension 1/, 'a feature size must be known');
    assert.match(matcherProblem(['N', 2, 3, 4, 5], ['N', 3, 3, 4, 5])!, /dimension 1/, 'rank 5 has no matcher');
  });
});
