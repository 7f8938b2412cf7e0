import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ModelDescription, TensorDescription } from '../../../contracts/engineProtocol.ts';
import { computeConfigIssues, referencedFiles, UNTRUSTED_MESSAGE, type ConfigIssue } from '../../../extension/configAuthoring/configIssues.ts';
import type { DescriptionResult } from '../../../extension/configAuthoring/descriptionCache.ts';
import { parseConfigTree } from '../../../extension/configAuthoring/configTree.ts';

function tensor(name: string, producer: string, shape: (number | string)[], node = producer === 'input' ? '' : `${name}_node`): TensorDescription {
  return { name, producer, node, dataType: 'float32', shape };
}

const student: ModelDescription = {
  path: '/cfg/student.onnx', opset: 17, producer: 'test', inputs: ['input'], outputs: ['logits'],
  tensors: [tensor('input', 'input', ['N', 1, 8, 8]), tensor('conv1.weight', 'initializer', [4, 1, 3, 3]), tensor('relu1_out', 'Relu', ['N', 4, 8, 8], 'relu1'), tensor('pool1_out', 'MaxPool', ['N', 4, 4, 4], 'pool1'), tensor('logits', 'Gemm', ['N', 10], 'linear1')],
};
const teacher: ModelDescription = {
  ...student, path: '/cfg/teacher.onnx',
  tensors: [tensor('input', 'input', ['N', 1, 8, 8]), tensor('relu1_out', 'Relu', ['N', 16, 8, 8], 'relu1'), tensor('pool1_out', 'MaxPool', ['N', 16, 4, 4], 'pool1'), tensor('logits', 'Gemm', ['N', 10], 'linear1')],
};

interface Options {
  existing?: string[];
  models?: Partial<Record<'student' | 'teacher', DescriptionResult>>;
  trusted?: boolean;
}

function issuesOf(text: string, options: Options = {}): (ConfigIssue & { text: string })[] {
  const tree = parseConfigTree(text);
  const files = referencedFiles(tree, (relative) => path.posix.resolve('/cfg', relative));
  const existing = new Set(options.existing ?? files.map((f) => f.absolute));
  const models = options.models ?? { student: { description: student }, teacher: { description: teacher } };
  return computeConfigIssues({ tree, files, existing, models, trusted: options.trusted ?? true }).map((issue) => ({ ...issue, text: text.slice(issue.start, issue.end) }));
}

const config = (distillation: string, extra = ''): string => `{
  "name": "x",
  "model": { "path": "student.onnx" },
  "teacher": { "path": "teacher.onnx" },
  "data": { "kind": "mnist" },
  "distillation": ${distillation}${extra}
}`;

describe('config authoring: config issues', () => {
  it('accepts a config whose names and shapes fit', () => {
    assert.deepEqual(issuesOf(config('{ "kind": "intermediate", "layerMappings": [{ "student": "relu1_out", "teacher": "relu1_out" }, { "student": "logits", "teacher": "logits" }] }')), []);
  });

  it('names the model file and the nearest real name for an unknown tensor, and offers it as the fix', () => {
    const [issue, ...rest] = issuesOf(config('{ "kind": "intermediate", "layerMappings": [{ "student": "relu_1", "teacher": "pool1_ot" }] }'));
    assert.equal(issue?.code, 'unknown-name');
    assert.equal(issue?.message, "'relu_1' is not a tensor of student.onnx; did you mean 'relu1_out'?");
    assert.equal(issue?.suggestion, 'relu1_out');
    assert.equal(issue?.text, '"relu_1"');
    assert.equal(rest[0]?.message, "'pool1_ot' is not a tensor of teacher.onnx; did you mean 'pool1_out'?");
  });

  it('checks quantization.exclude against node names and self mappings against the student', () => {
    const text = config('{ "kind": "self", "selfMappings": [{ "shallow": "relu1_ou", "deep": "logits" }] }', ',\n  "quantization": { "exclude": ["relu1_out", "pool1"] }');
    assert.deepEqual(issuesOf(text).map((i) => i.message), [
      "'relu1_ou' is not a tensor of student.onnx; did you mean 'relu1_out'?",
      "'relu1_out' is not a node of student.onnx; did you mean 'relu1'?",
    ]);
  });

  it('checks the keys of quantization.layers against node names, on the key, with the nearest node as the fix', () => {
    const text = config('{ "kind": "kd" }', ',\n  "quantization": { "layers": { "relu1": { "weights": { "bits": 4 } }, "linear_1": "float" } }');
    const issues = issuesOf(text);
    assert.deepEqual(issues.map((i) => [i.code, i.message, i.text, i.suggestion]), [['unknown-name', "'linear_1' is not a node of student.onnx; did you mean 'linear1'?", '"linear_1"', 'linear1']]);
  });

  it('reports mapped shapes no matcher bridges, on the mapping', () => {
    const [issue] = issuesOf(config('{ "kind": "intermediate", "layerMappings": [{ "student": "relu1_out", "teacher": "pool1_out" }] }'));
    assert.equal(issue?.code, 'unbridgeable-shapes');
    assert.match(issue!.message, /^relu1_out → pool1_out: the student tensor \[N, 4, 8, 8\] and the teacher tensor \[N, 16, 4, 4\] differ in 3 dimensions/);
    assert.match(issue!.text, /^\{ "student": "relu1_out"/);
    const [self] = issuesOf(config('{ "kind": "self", "selfMappings": [{ "shallow": "relu1_out", "deep": "logits", "loss": "L2" }] }'));
    assert.match(self!.message, /the shallow tensor \[N, 4, 8, 8\] and the deep tensor \[N, 10\] have different ranks/);
  });

  it('reports missing model and data files, resolved against the config folder', () => {
    const text = '{ "model": { "path": "student.onnx" }, "teacher": { "path": "gone.onnx" }, "data": { "kind": "npz", "path": "data/d.npz" }, "distillation": { "kind": "kd" } }';
    const issues = issuesOf(text, { existing: ['/cfg/student.onnx'], models: { student: { description: student } } });
    assert.deepEqual(issues.map((i) => [i.code, i.text]), [['missing-file', '"gone.onnx"'], ['missing-file', '"data/d.npz"']]);
    assert.match(issues[0]!.message, /gone\.onnx does not exist \(resolved against this config's folder: \/cfg\/gone\.onnx\)/);
  });

  it('does not check a path or a name still being typed (its closing quote missing)', () => {
    const text = '{ "model": { "path": "student.onnx" }, "teacher": { "path": "teach\n }, "distillation": { "kind": "kd" } }';
    assert.deepEqual(issuesOf(text, { existing: ['/cfg/student.onnx'], models: { student: { description: student } } }), []);
    const name = '{ "model": { "path": "student.onnx" }, "distillation": { "kind": "self", "selfMappings": [{ "shallow": "relu\n';
    assert.deepEqual(issuesOf(name).filter((i) => i.code === 'unknown-name'), []);
  });

  it('warns when the engine could not read a model, and skips its names', () => {
    const issues = issuesOf(config('{ "kind": "intermediate", "layerMappings": [{ "student": "nope", "teacher": "relu1_out" }] }'), { models: { student: { error: 'not an ONNX model' }, teacher: { description: teacher } } });
    assert.deepEqual(issues.map((i) => [i.severity, i.message]), [['warning', 'DistQ could not read student.onnx: not an ONNX model']]);
  });

  it('reports distillation kinds without what they need', () => {
    const noTeacher = '{ "model": { "path": "student.onnx" }, "data": { "kind": "mnist" }, "distillation": { "temperature": 2 } }';
    assert.deepEqual(issuesOf(noTeacher).map((i) => i.message), ['distillation.kind \'kd\' needs a teacher: add a "teacher": { "path": … } section']);
    assert.deepEqual(issuesOf(config('{ "kind": "intermediate" }')).map((i) => [i.code, i.text]), [['invalid-combination', '"intermediate"']]);
    assert.match(issuesOf(config('{ "kind": "self", "selfMappings": [] }'))[0]!.message, /selfMappings/);
    assert.deepEqual(issuesOf(config('{ "kind": "none" }')), []);
  });

  it('in an untrusted workspace says once, at the top, why names are not checked', () => {
    const issues = issuesOf(config('{ "kind": "intermediate", "layerMappings": [{ "student": "nope", "teacher": "nope" }] }'), { models: {}, trusted: false });
    assert.deepEqual(issues.map((i) => [i.severity, i.code, i.start]), [['information', 'untrusted', 0]]);
    assert.equal(issues[0]!.message, UNTRUSTED_MESSAGE);
  });
});
