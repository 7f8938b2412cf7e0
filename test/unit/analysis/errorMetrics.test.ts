/** Error metrics against numpy (test/fixtures/analysis/make_metrics_fixture.py, ONNX Runtime's SQNR formula). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMetrics, fakeQuantizeValues, SQNR_EPSILON, valueHistograms } from '../../../engine/analysis/errorMetrics.ts';
import type { TensorErrorMetrics } from '../../../contracts/layerErrorReport.ts';

interface FixtureCase {
  name: string;
  x: number[][];
  y: number[][];
  metrics: TensorErrorMetrics;
  histogram: { edges: number[]; float: number[]; dequantized: number[] } | null;
  bins: number;
}

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/analysis/metrics.json'), 'utf8')) as {
  cases: FixtureCase[];
  fakeQuantize: { scale: number; zeroPoint: number; qmin: number; qmax: number; x: number[]; expected: number[] };
};

function close(actual: number, expected: number, relative: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-12), `${what}: ${actual} vs numpy ${expected}`);
}

describe('error metrics', () => {
  for (const c of fixture.cases) {
    it(`match numpy: ${c.name}`, () => {
      const metrics = errorMetrics(c.x.map((b) => Float32Array.from(b)), c.y.map((b) => Float32Array.from(b)));
      close(metrics.sqnrDb, c.metrics.sqnrDb, 1e-9, 'SQNR');
      close(metrics.mse, c.metrics.mse, 1e-9, 'MSE');
      close(metrics.cosineSimilarity, c.metrics.cosineSimilarity, 1e-12, 'cosine');
      assert.equal(metrics.maxAbsError, c.metrics.maxAbsError);
      assert.equal(metrics.count, c.metrics.count);
      if (c.histogram) {
        const histogram = valueHistograms(c.x.map((b) => Float32Array.from(b)), c.y.map((b) => Float32Array.from(b)), c.bins);
        histogram.edges.forEach((e, i) => close(e, c.histogram!.edges[i]!, 1e-12, `edge ${i}`));
        assert.deepEqual(histogram.float, c.histogram.float);
        assert.deepEqual(histogram.dequantized, c.histogram.dequantized);
      }
    });
  }

  it('floors a zero difference at ε, as qdq_loss_debug does, instead of returning Infinity', () => {
    const x = Float32Array.from([3, 4]);
    assert.equal(errorMetrics(x, x.slice()).sqnrDb, 20 * Math.log10(5 / SQNR_EPSILON));
  });

  it('fake-quantizes like numpy (float32 division, round half to even, clip)', () => {
    const { scale, zeroPoint, qmin, qmax, x, expected } = fixture.fakeQuantize;
    assert.deepEqual(Array.from(fakeQuantizeValues(Float32Array.from(x), scale, zeroPoint, qmin, qmax)), expected);
  });

  it('refuses mismatched inputs and bad bin counts', () => {
    assert.throws(() => errorMetrics(new Float32Array(3), new Float32Array(4)), RangeError);
    assert.throws(() => valueHistograms(new Float32Array(3), new Float32Array(3), 0), RangeError);
  });
});
