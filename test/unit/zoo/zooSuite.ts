/**
 * The zoo suite that zooFirstHalf.test.ts and zooSecondHalf.test.ts run: each torchvision model
 * of test/fixtures/zoo trains with QAT + KD, and then the loss is finite, every trainable
 * parameter moved, the QDQ export is the fake-quant model, and the INT8 file runs in ONNX Runtime.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { makeWorkspace, removeWorkspace } from '../compression/runFixtures.ts';
import { trainZooModel } from './zooTraining.ts';
import { zooFixtureNames } from './zooModels.ts';

const CLASSES = 10;

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function classAgreement(a: Float32Array, b: Float32Array): string {
  const argmax = (logits: Float32Array, row: number): number => {
    const values = Array.from(logits.subarray(row * CLASSES, (row + 1) * CLASSES));
    return values.indexOf(Math.max(...values));
  };
  const rows = a.length / CLASSES;
  let agreeing = 0;
  for (let row = 0; row < rows; row++) if (argmax(a, row) === argmax(b, row)) agreeing += 1;
  return `${agreeing}/${rows}`;
}

export function describeZoo(models: readonly string[]): void {
  describe('torchvision zoo: QAT + KD steps and the INT8 export', () => {
    let folder: string;
    before(() => {
      folder = makeWorkspace();
    });
    after(() => removeWorkspace(folder));

    for (const name of zooFixtureNames(models, process.env['DISTQ_ZOO'] === 'full')) {
      it(name, async (t) => {
        const started = Date.now();
        const cpuBefore = process.cpuUsage();
        const run = await trainZooModel(name, folder);
        const cpu = process.cpuUsage(cpuBefore);
        t.diagnostic(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, losses ${run.losses.map((l) => l.toFixed(4)).join(' ')}, ${run.trainableCount} trainable tensors`);
        assert.ok(run.losses.every(Number.isFinite), `finite losses: ${run.losses.join(', ')}`);
        assert.deepEqual(run.unchangedParameters, [], 'every trainable parameter changed');
        assert.deepEqual(run.unfusedInt8Logits, run.fakeQuantLogits, 'unfused, the exported QDQ graph computes exactly the fake-quant logits');
        assert.ok(run.int8Logits.length === run.fakeQuantLogits.length && run.int8Logits.every(Number.isFinite), 'the INT8 export runs in ONNX Runtime');
        // Fused, each integer kernel may round a value that lies within float error of a rounding
        // boundary the other way: one step, rarely (test/support/integerKernelAgreement.ts).
        const { kernels } = run;
        t.diagnostic(`${name}: ${kernels.differing} of ${kernels.codes} codes of ${kernels.tensors} quantized tensors differ between the fused kernels and the QDQ graph, by at most ${kernels.maxStep}${kernels.worstTensor ? ` ('${kernels.worstTensor}')` : ''}`);
        assert.ok(kernels.maxStep <= 1, `a fused kernel is ${kernels.maxStep} steps from the QDQ graph at '${kernels.worstTensor}'`);
        assert.ok(kernels.differing <= kernels.codes / 1000, `${kernels.differing} of ${kernels.codes} codes differ`);
        // Through 20 to 120 layers single flips compound, so the logits are compared for the record only.
        const int8Difference = maxAbsDifference(run.int8Logits, run.fakeQuantLogits).toExponential(3);
        const quantizationDifference = maxAbsDifference(run.fakeQuantLogits, run.floatLogits).toExponential(3);
        t.diagnostic(`${name}: max |Δlogit| INT8 vs fake quant ${int8Difference}, fake quant vs float ${quantizationDifference}, classes agreeing ${classAgreement(run.int8Logits, run.fakeQuantLogits)}`);
      });
    }
  });
}
