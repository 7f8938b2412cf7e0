/**
 * Every distillation kind through `distq run` (runFromConfig) on tiny MNIST: the run
 * folder is complete, its numbers agree with ONNX Runtime run on the files it wrote,
 * every loss component is logged, and nothing that exists only for training
 * (matchers, auxiliary heads) reaches the exported models.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import { MNIST_CNN, MNIST_SMALL_CNN } from '../../../engine/models/mnistModels.ts';
import { loadMnist } from '../../../engine/data/mnist.ts';
import { readModel } from '../../../engine/onnx/modelFile.ts';
import { readCheckpoint } from '../../../engine/run/checkpoint.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import type { LayerErrorReport } from '../../../contracts/layerErrorReport.ts';
import {
  BATCH, TEST_COUNT, TRAIN_COUNT, loadedConfig, makeWorkspace, onnxAccuracy, recordingReporter, removeWorkspace,
  stepRecords, tinyConfig, trainTinyTeacher, writeSequential,
} from '../compression/runFixtures.ts';

const RUN_FILES = ['summary.json', 'metrics.jsonl', 'layers.json', 'student-fp32.onnx', 'student-int8.onnx', 'ptq-int8.onnx', 'checkpoint.bin', 'baseline.json', 'config.distq.json'];
const STEPS_PER_EPOCH = Math.ceil(TRAIN_COUNT / BATCH);
const { test } = loadMnist({ trainLimit: TRAIN_COUNT, testLimit: TEST_COUNT });

/** The run folder's files and numbers, checked against ONNX Runtime on the files themselves. */
async function assertCompleteRun(summary: RunSummary, files: { student: string; teacher?: string }, weights: Record<string, number>): Promise<void> {
  const folder = summary.runFolder;
  for (const name of RUN_FILES) assert.ok(fs.existsSync(path.join(folder, name)), `${name} in the run folder`);
  const onDisk = JSON.parse(fs.readFileSync(path.join(folder, 'summary.json'), 'utf8')) as RunSummary;
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(summary)));

  const { accuracy } = summary;
  assert.deepEqual(Object.keys(accuracy).sort(), ['ptqInt8', 'qatFakeQuant', 'qatInt8', 'studentFp32', 'studentFp32AfterQat', 'teacherFp32']);
  assert.equal(accuracy.studentFp32, await onnxAccuracy(files.student, test), 'studentFp32 is the original student in ORT');
  assert.equal(accuracy.teacherFp32, files.teacher ? await onnxAccuracy(files.teacher, test) : null, 'teacherFp32 is the teacher in ORT');
  assert.equal(accuracy.ptqInt8, await onnxAccuracy(path.join(folder, 'ptq-int8.onnx'), test), 'ptqInt8 is ptq-int8.onnx in ORT');
  assert.equal(accuracy.qatInt8, await onnxAccuracy(path.join(folder, 'student-int8.onnx'), test), 'qatInt8 is student-int8.onnx in ORT');
  assert.equal(accuracy.studentFp32AfterQat, await onnxAccuracy(path.join(folder, 'student-fp32.onnx'), test), 'student-fp32.onnx in ORT');
  for (const [key, value] of Object.entries(accuracy)) if (value !== null) assert.ok(value >= 0 && value <= 1, `${key} ${value}`);

  assert.equal(summary.sizeBytes.fp32, fs.statSync(path.join(folder, 'student-fp32.onnx')).size);
  assert.equal(summary.sizeBytes.int8, fs.statSync(path.join(folder, 'student-int8.onnx')).size);
  assert.ok(summary.sizeBytes.int8 < 0.5 * summary.sizeBytes.fp32, `int8 ${summary.sizeBytes.int8} B vs fp32 ${summary.sizeBytes.fp32} B`);
  for (const variant of [summary.latencyMs.fp32, summary.latencyMs.int8]) {
    assert.ok(Number.isFinite(variant.batch1) && variant.batch1 > 0 && Number.isFinite(variant.batch) && variant.batch > 0, JSON.stringify(summary.latencyMs));
  }
  assert.ok(Math.abs(summary.exportAgreement.deltaPp - 100 * (accuracy.qatInt8 - accuracy.qatFakeQuant)) < 1e-9);
  assert.equal(summary.exportAgreement.ok, Math.abs(summary.exportAgreement.deltaPp) <= 0.2);
  // The export agrees: on this small test set one example is 0.5 pp, above the 0.2 pp a full run allows,
  // so the INT8 and fake-quant accuracies may differ by at most one example here.
  assert.ok(Math.abs(summary.exportAgreement.deltaPp) <= 100 / test.count + 1e-9, `INT8 ${accuracy.qatInt8} vs fake quant ${accuracy.qatFakeQuant}`);

  // Every step is logged (logEverySteps 1) with exactly the expected components, which add up to the loss.
  const steps = stepRecords(folder);
  assert.equal(steps.length, STEPS_PER_EPOCH * summary.epochs.length);
  for (const step of steps) {
    assert.deepEqual(Object.keys(step.losses).sort(), Object.keys(weights).sort(), `components at step ${step.globalStep}`);
    let total = 0;
    for (const [name, value] of Object.entries(step.losses)) {
      assert.ok(Number.isFinite(value) && value >= -1e-6, `${name} = ${value}`);
      total += weights[name]! * value;
    }
    assert.ok(Math.abs(total - step.loss) <= 1e-5 * Math.max(1, Math.abs(step.loss)), `Σ weight·component ${total} vs loss ${step.loss}`);
  }

  // Per-layer errors before (PTQ) and after QAT, for every quantized layer of the student.
  const layers = JSON.parse(fs.readFileSync(path.join(folder, 'layers.json'), 'utf8')) as { ptq: LayerErrorReport; final: LayerErrorReport };
  const quantizedNodes = readModel(files.student).graph.nodes.filter((n) => n.opType === 'Conv' || n.opType === 'Gemm').map((n) => n.name);
  assert.deepEqual(layers.ptq.layers.map((l) => l.node), quantizedNodes);
  assert.deepEqual(layers.final.layers.map((l) => l.node), quantizedNodes);
  assert.ok(layers.final.layers.every((l) => l.weight !== null && l.activation !== null));
  const scales = (r: LayerErrorReport): number[] => r.layers.flatMap((l) => l.weight!.scales);
  assert.notDeepEqual(scales(layers.final), scales(layers.ptq), 'training moved the weights, so their scales');

  // The INT8 model holds int8 weights in QDQ form.
  const int8 = readModel(path.join(folder, 'student-int8.onnx'));
  assert.ok(int8.graph.nodes.some((n) => n.opType === 'QuantizeLinear') && int8.graph.nodes.some((n) => n.opType === 'DequantizeLinear'));
  assert.ok([...int8.graph.initializers.values()].some((t) => t.dataType === DataType.INT8 && t.dims.length >= 2), 'int8 weights');
}

/** The exported float student is the student's own graph: same initializers (names, shapes), same ops, one output. */
function assertOnlyStudentExported(summary: RunSummary, studentFile: string): void {
  const original = readModel(studentFile);
  const exported = readModel(path.join(summary.runFolder, 'student-fp32.onnx'));
  assert.deepEqual([...exported.graph.initializers.keys()].sort(), [...original.graph.initializers.keys()].sort());
  for (const [name, tensor] of original.graph.initializers) assert.deepEqual(exported.graph.initializers.get(name)!.dims, tensor.dims, name);
  assert.deepEqual(exported.graph.nodes.map((n) => n.opType), original.graph.nodes.map((n) => n.opType));
  assert.deepEqual(exported.graph.outputs.map((o) => o.name), ['logits']);
  const int8 = readModel(path.join(summary.runFolder, 'student-int8.onnx'));
  for (const model of [exported, int8]) {
    const names = [...model.graph.initializers.keys(), ...model.graph.nodes.flatMap((n) => [n.name, ...n.inputs, ...n.outputs])];
    assert.deepEqual(names.filter((n) => /matcher|aux_head|distq_teacher|StopGradient/i.test(n)), []);
  }
}

/** Trainable tensors the losses added, from the checkpoint: name → dims. */
function addedParameters(summary: RunSummary, studentFile: string): Map<string, number[]> {
  const own = new Set(readModel(studentFile).graph.initializers.keys());
  const state = readCheckpoint(path.join(summary.runFolder, 'checkpoint.bin')) as { parameters: Record<string, Float32Array> };
  return new Map(Object.entries(state.parameters).filter(([name]) => !own.has(name)).map(([name, value]) => [name, [value.length]]));
}

describe('distq run: each distillation kind end to end', () => {
  let folder: string;
  let teacher: string;
  let student: string;

  before(async () => {
    folder = makeWorkspace();
    teacher = await trainTinyTeacher(folder, MNIST_CNN);
    student = writeSequential(folder, 'small.onnx', MNIST_SMALL_CNN);
    writeSequential(folder, 'cnn.onnx', MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('kd: a trained teacher teaches the student that starts from it', async () => {
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'kd', model: { path: path.basename(teacher) }, teacher: { path: path.basename(teacher) },
      distillation: { kind: 'kd', temperature: 2, lossTypes: ['CE', 'KL'], lossWeights: [0.3, 0.7] },
    }));
    const summary = await runFromConfig(loaded, recordingReporter());
    assert.equal(summary.distillation, 'kd');
    assert.ok(summary.accuracy.teacherFp32! > 0.5, `the teacher learned: ${summary.accuracy.teacherFp32}`);
    await assertCompleteRun(summary, { student: teacher, teacher }, { labels: 0.3, kd: 0.7 });
    // The student starts as the teacher, so KL is only quantization noise at first.
    const first = stepRecords(summary.runFolder)[0]!;
    assert.ok(first.losses.kd! < 0.05 && first.losses.kd! < first.losses.labels!, JSON.stringify(first.losses));
  });

  it('intermediate: a smaller student, 1×1-conv matchers for feature maps and a linear matcher for a hidden layer', async () => {
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'intermediate', model: { path: 'small.onnx' }, teacher: { path: 'cnn.onnx' },
      distillation: {
        kind: 'intermediate', addOriginLoss: true,
        layerMappings: [
          { student: 'relu1_out', teacher: 'relu1_out', weight: 0.5 },
          { student: 'maxpool2_out', teacher: 'maxpool2_out', loss: 'L1', weight: 0.25 },
          { student: 'relu3_out', teacher: 'relu3_out' },
        ],
      },
    }));
    const summary = await runFromConfig(loaded, recordingReporter());
    await assertCompleteRun(summary, { student, teacher: path.join(folder, 'cnn.onnx') }, { labels: 1, 'layer relu1_out': 0.5, 'layer maxpool2_out': 0.25, 'layer relu3_out': 1 / 3 });
    assertOnlyStudentExported(summary, student);
    // 16 → 32 and 32 → 64 channels as 1×1 convolutions, 64 → 128 features as a linear map (weights and biases).
    const sizes = [...addedParameters(summary, student).values()].map(([n]) => n!).sort((a, b) => a - b);
    assert.deepEqual(sizes, [32, 64, 128, 32 * 16, 64 * 32, 128 * 64].sort((a, b) => a - b));
  });

  it('self: an early block learns from the logits through an auxiliary head, and from a deeper map through a matcher', async () => {
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'self', model: { path: 'small.onnx' },
      distillation: {
        kind: 'self', temperature: 2,
        selfMappings: [
          { shallow: 'maxpool1_out', deep: 'logits', loss: 'KL', weight: 0.4 },
          { shallow: 'maxpool1_out', deep: 'relu2_out', loss: 'L2', weight: 0.6 },
        ],
      },
    }));
    const summary = await runFromConfig(loaded, recordingReporter());
    assert.equal(summary.accuracy.teacherFp32, null);
    const steps = stepRecords(summary.runFolder);
    const names = Object.keys(steps[0]!.losses);
    assert.equal(names.length, 3, `labels and one component per self pair, even when both pairs share a shallow tensor: ${names.join(', ')}`);
    assert.ok(names.includes('labels') && names.filter((n) => n.startsWith('self maxpool1_out')).length === 2, names.join(', '));
    const selfWeights = Object.fromEntries(names.map((n) => [n, n === 'labels' ? 1 : n === 'self maxpool1_out' ? 0.4 : 0.6]));
    await assertCompleteRun(summary, { student }, selfWeights);
    assertOnlyStudentExported(summary, student);
    // Auxiliary head 16 → 10 classes, matcher 16 → 32 channels.
    const sizes = [...addedParameters(summary, student).values()].map(([n]) => n!).sort((a, b) => a - b);
    assert.deepEqual(sizes, [10, 32, 16 * 10, 32 * 16].sort((a, b) => a - b));
  });

  it('none: plain QAT against the labels', async () => {
    const loaded = loadedConfig(folder, tinyConfig({ name: 'none', model: { path: 'small.onnx' }, distillation: { kind: 'none' } }));
    const summary = await runFromConfig(loaded, recordingReporter());
    assert.equal(summary.distillation, 'none');
    await assertCompleteRun(summary, { student }, { labels: 1 });
    assertOnlyStudentExported(summary, student);
    assert.equal(addedParameters(summary, student).size, 0);
  });
});
