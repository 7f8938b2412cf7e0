/**
 * Configs that cannot run fail before anything is written, with a message that
 * names the config field, the file and the shapes involved, and says what fits.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { prepareCompression } from '../../../engine/index.ts';
import { MNIST_CNN, MNIST_SMALL_CNN } from '../../../engine/models/mnistModels.ts';
import { loadMnist } from '../../../engine/data/mnist.ts';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { attr, makeNode, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';
import { loadedConfig, makeWorkspace, recordingReporter, rejection, removeWorkspace, tinyConfig, writeSequential } from '../compression/runFixtures.ts';

describe('distq run: errors that name the problem', () => {
  let folder: string;
  let student: string;
  let teacher: string;

  before(() => {
    folder = makeWorkspace();
    student = writeSequential(folder, 'small.onnx', MNIST_SMALL_CNN);
    teacher = writeSequential(folder, 'cnn.onnx', MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  /** Runs a config that must fail, and checks that it left no run folder behind. */
  async function failingRun(name: string, overrides: Record<string, unknown>): Promise<string> {
    const loaded = loadedConfig(folder, tinyConfig({ name, output: { runsFolder: `runs-${name}` }, ...overrides }), `${name}.distq.json`);
    const error = await rejection(runFromConfig(loaded, recordingReporter()));
    assert.equal(fs.existsSync(path.join(folder, `runs-${name}`)), false, 'nothing is written for a config that cannot run');
    return error.message;
  }

  it('an unknown tensor in layerMappings names the field, the model file and the nearest real name', async () => {
    const message = await failingRun('unknown-tensor', {
      model: { path: 'small.onnx' }, teacher: { path: 'cnn.onnx' },
      distillation: { kind: 'intermediate', layerMappings: [{ student: 'relu1_outt', teacher: 'relu1_out' }] },
    });
    assert.match(message, /distillation\.layerMappings\[0\]\.student/);
    assert.ok(message.includes(student), message);
    assert.match(message, /'relu1_outt'/);
    assert.match(message, /did you mean 'relu1_out'/);
  });

  it('an unknown teacher tensor names the teacher field and file', async () => {
    const message = await failingRun('unknown-teacher-tensor', {
      model: { path: 'small.onnx' }, teacher: { path: 'cnn.onnx' },
      distillation: { kind: 'intermediate', layerMappings: [{ student: 'relu1_out', teacher: 'conv1_output' }] },
    });
    assert.match(message, /distillation\.layerMappings\[0\]\.teacher/);
    assert.ok(message.includes(teacher), message);
    assert.match(message, /did you mean 'conv1_out'/);
  });

  it('maps of different spatial size (28×28 vs 14×14) cannot be bridged, and the message shows both shapes', async () => {
    const message = await failingRun('spatial', {
      model: { path: 'small.onnx' }, teacher: { path: 'cnn.onnx' },
      distillation: { kind: 'intermediate', layerMappings: [{ student: 'relu1_out', teacher: 'maxpool1_out' }] },
    });
    assert.match(message, /a matcher bridges only the feature dimension/);
    assert.ok(message.includes('[N, 16, 28, 28]') && message.includes('[N, 32, 14, 14]'), message);
    assert.match(message, /relu1_out → maxpool1_out/);
  });

  it('tensors of different rank cannot be bridged', async () => {
    const message = await failingRun('rank', {
      model: { path: 'small.onnx' }, teacher: { path: 'cnn.onnx' },
      distillation: { kind: 'intermediate', layerMappings: [{ student: 'maxpool2_out', teacher: 'relu3_out' }] },
    });
    assert.match(message, /no matcher can bridge/);
    assert.ok(message.includes('[N, 32, 7, 7]') && message.includes('[N, 128]'), message);
  });

  it('a teacher that reads other inputs than the data names the teacher file and both shapes', async () => {
    writeSequential(folder, 'teacher14.onnx', { ...MNIST_CNN, inputShape: [1, 14, 14] });
    const message = await failingRun('teacher-input', { model: { path: 'small.onnx' }, teacher: { path: 'teacher14.onnx' }, distillation: { kind: 'kd' } });
    assert.ok(message.includes(path.join(folder, 'teacher14.onnx')), message);
    assert.ok(message.includes('[1, 14, 14]') && message.includes('[1, 28, 28]'), message);
  });

  it('a teacher whose input shape differs from the data (hooks API) names the teacher file, its input and both shapes', async () => {
    const teacher14 = path.join(folder, 'teacher14.onnx');
    writeSequential(folder, 'teacher14.onnx', { ...MNIST_CNN, inputShape: [1, 14, 14] });
    const { train } = loadMnist({ trainLimit: 64, testLimit: 1 });
    const error = await rejection(prepareCompression(student, [{ teacher: teacher14, kind: 'kd' }, {}], { train }));
    assert.ok(error.message.startsWith(`${teacher14}: input 'input'`), error.message);
    assert.ok(error.message.includes('[1, 28, 28]') && error.message.includes('[1, 14, 14]'), error.message);
  });

  it('a missing data file names the file', async () => {
    const message = await failingRun('missing-data', { model: { path: 'small.onnx' }, distillation: { kind: 'none' }, data: { kind: 'npz', path: 'nowhere/digits.npz' } });
    assert.ok(message.includes(path.join(folder, 'nowhere/digits.npz')), message);
  });

  it('a corrupt .npz names the file', async () => {
    const corrupt = path.join(folder, 'corrupt.npz');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    const message = await failingRun('corrupt-data', { model: { path: 'small.onnx' }, distillation: { kind: 'none' }, data: { kind: 'npz', path: 'corrupt.npz' } });
    assert.ok(message.includes(corrupt), message);
  });

  it('a student with an op DistQ cannot train names the node, the op, the opset and the supported ops', async () => {
    const model = buildSequentialModel(MNIST_SMALL_CNN);
    model.graph.nodes.push(makeNode('Einsum', ['logits'], ['logits_sum'], 'sum_logits', { equation: attr.string('nc->n') }));
    model.graph.outputs.push(makeValueInfo('logits_sum', DataType.FLOAT, ['N']));
    writeModel(model, path.join(folder, 'einsum.onnx'));
    const message = await failingRun('unsupported-op', { model: { path: 'einsum.onnx' }, distillation: { kind: 'none' } });
    assert.match(message, /node 'sum_logits'/);
    assert.match(message, /op Einsum \(opset 17\)/);
    assert.match(message, /Supported ops: .*\bConv\b.*\bGemm\b.*\bMaxPool\b/);
    assert.ok(message.includes(path.join(folder, 'einsum.onnx')), `the message names the model file: ${message}`);
  });

  it("kind 'kd' without a teacher section says to add one", async () => {
    const message = await failingRun('kd-without-teacher', { model: { path: 'small.onnx' }, distillation: { kind: 'kd' } });
    assert.match(message, /distillation\.kind 'kd' needs a teacher/);
    assert.match(message, /"teacher"/);
  });
});
