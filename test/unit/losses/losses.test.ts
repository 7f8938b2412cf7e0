/** Each loss against values computed independently here in float64 JavaScript. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { GraphBuilder, makeGraph, makeModel, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import { crossEntropyWithLabels } from '../../../engine/losses/crossEntropy.ts';
import { klDivergenceWithTemperature } from '../../../engine/losses/klDivergence.ts';
import { softCrossEntropy } from '../../../engine/losses/softCrossEntropy.ts';
import { meanSquaredError } from '../../../engine/losses/meanSquaredError.ts';
import { meanAbsoluteError } from '../../../engine/losses/meanAbsoluteError.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

const N = 4;
const C = 5;
const random = new SeededRandom(21);
const student = Array.from({ length: N * C }, () => random.normal() * 2);
const teacher = Array.from({ length: N * C }, () => random.normal() * 3);
const labels = [0, 3, 4, 1];

function row(values: number[], n: number): number[] {
  return values.slice(n * C, (n + 1) * C);
}

function logSoftmax(values: number[]): number[] {
  const max = Math.max(...values);
  const logSum = Math.log(values.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
  return values.map((v) => v - logSum);
}

async function evaluate(build: (builder: GraphBuilder) => string): Promise<number> {
  const graph = makeGraph('loss', [], [makeValueInfo('s', DataType.FLOAT, [N, C]), makeValueInfo('t', DataType.FLOAT, [N, C]), makeValueInfo('y', DataType.INT64, [N])], []);
  const builder = new GraphBuilder(graph, 'l');
  const loss = build(builder);
  graph.outputs = [makeValueInfo(loss, DataType.FLOAT, [])];
  const session = await createSession(makeModel(graph));
  const out = await session.run({
    s: new ort.Tensor('float32', Float32Array.from(student), [N, C]),
    t: new ort.Tensor('float32', Float32Array.from(teacher), [N, C]),
    y: new ort.Tensor('int64', BigInt64Array.from(labels.map(BigInt)), [N]),
  }, [loss]);
  return Number(out[loss]!.data[0]);
}

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= 1e-5 * Math.max(1, Math.abs(expected)), `${actual} vs reference ${expected}`);
}

describe('losses', () => {
  it('cross-entropy with labels', async () => {
    const expected = -labels.reduce((s, y, n) => s + logSoftmax(row(student, n))[y]!, 0) / N;
    close(await evaluate((b) => crossEntropyWithLabels(b, 's', 'y', C)), expected);
  });

  for (const temperature of [1, 2, 4]) {
    it(`KL divergence with temperature ${temperature}, multiplied by T²`, async () => {
      let sum = 0;
      for (let n = 0; n < N; n++) {
        const logP = logSoftmax(row(teacher, n).map((v) => v / temperature));
        const logQ = logSoftmax(row(student, n).map((v) => v / temperature));
        sum += logP.reduce((s, lp, c) => s + Math.exp(lp) * (lp - logQ[c]!), 0);
      }
      close(await evaluate((b) => klDivergenceWithTemperature(b, 's', 't', temperature)), (temperature * temperature * sum) / N);
    });
  }

  it('soft cross-entropy against the teacher', async () => {
    let sum = 0;
    for (let n = 0; n < N; n++) {
      const logP = logSoftmax(row(teacher, n).map((v) => v / 2));
      const logQ = logSoftmax(row(student, n).map((v) => v / 2));
      sum -= logP.reduce((s, lp, c) => s + Math.exp(lp) * logQ[c]!, 0);
    }
    close(await evaluate((b) => softCrossEntropy(b, 's', 't', 2)), sum / N);
  });

  it('mean squared error and mean absolute error', async () => {
    const mse = student.reduce((s, v, i) => s + (v - teacher[i]!) ** 2, 0) / student.length;
    const mae = student.reduce((s, v, i) => s + Math.abs(v - teacher[i]!), 0) / student.length;
    close(await evaluate((b) => meanSquaredError(b, 's', 't')), mse);
    close(await evaluate((b) => meanAbsoluteError(b, 's', 't')), mae);
  });

  it('KL is zero when student and teacher agree', async () => {
    const value = await evaluate((b) => klDivergenceWithTemperature(b, 't', 't', 3));
    assert.ok(Math.abs(value) < 1e-6, `${value}`);
  });
});
