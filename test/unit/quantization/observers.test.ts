/**
 * Activation observers against torch.ao.quantization (MinMaxObserver, MovingAverageMinMaxObserver)
 * and numpy.percentile, all made by test/fixtures/quantization/make_quantization_reference.py;
 * their checkpoint state; the statistics nodes; calibration against an independent forward pass.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, makeFloatTensor, makeGraph, makeModel, makeNode, makeValueInfo } from '../../../engine/onnx/builder.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import { createFloatDataset } from '../../../engine/data/dataset.ts';
import { createActivationObserver, MinMaxObserver, MovingAverageMinMaxObserver, type ActivationObserver } from '../../../engine/quantization/observers.ts';
import { PercentileObserver } from '../../../engine/quantization/observerPercentile.ts';
import { ObserverStateError, type ActivationScheme } from '../../../engine/quantization/observerBase.ts';
import { appendRangeStatistics } from '../../../engine/quantization/observerStatistics.ts';
import { calibrateActivationRanges } from '../../../engine/quantization/observerCalibration.ts';

interface TorchRange {
  min: number;
  max: number;
}
interface TorchObserverCase {
  perBatch: TorchRange[];
  qparams: { scheme: ActivationScheme; scale: number; zeroPoint: number }[];
}
interface Reference {
  batches: number[][];
  minmax: TorchObserverCase;
  movingAverage: (TorchObserverCase & { averagingConstant: number })[];
  percentile: { percentile: number; afterBatch: TorchRange[] }[];
}

const reference = JSON.parse(fs.readFileSync(new URL('../../fixtures/quantization/reference.json', import.meta.url), 'utf8')) as Reference;
const batches = reference.batches.map((b) => Float32Array.from(b));

function batchRange(values: ArrayLike<number>): TorchRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return { min, max };
}

function feed(observer: ActivationObserver, values: Float32Array): void {
  const { min, max } = batchRange(values);
  observer.observeMinMax(min, max);
  if (observer.kind === 'percentile') observer.observeValues(values);
}

function assertQuantizationParameters(observer: ActivationObserver, expected: TorchObserverCase['qparams']): void {
  for (const { scheme, scale, zeroPoint } of expected) {
    const actual = observer.quantizationParameters(scheme);
    assert.ok(Math.abs(actual.scale - scale) <= 1e-6 * scale, `${JSON.stringify(scheme)}: scale ${actual.scale} vs torch ${scale}`);
    assert.equal(actual.zeroPoint, zeroPoint, `${JSON.stringify(scheme)}: zero point`);
  }
}

/** numpy.percentile's default (linear) on all values, computed exactly. */
function numpyPercentile(values: number[], percentile: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (percentile / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}

describe('activation observers against torch.ao.quantization', () => {
  it('MinMaxObserver: the running range equals torch after every batch', () => {
    const observer = new MinMaxObserver();
    batches.forEach((batch, i) => {
      feed(observer, batch);
      assert.deepEqual(observer.range(), reference.minmax.perBatch[i], `after batch ${i}`);
    });
    assertQuantizationParameters(observer, reference.minmax.qparams);
  });

  for (const c of reference.movingAverage) {
    it(`MovingAverageMinMaxObserver (c = ${c.averagingConstant}): the range equals torch's float32 values exactly after every batch`, () => {
      const observer = new MovingAverageMinMaxObserver(c.averagingConstant);
      batches.forEach((batch, i) => {
        feed(observer, batch);
        assert.deepEqual(observer.range(), c.perBatch[i], `after batch ${i}`);
      });
      assertQuantizationParameters(observer, c.qparams);
    });
  }

  for (const c of reference.percentile) {
    for (const binCount of [2048, 64]) {
      it(`PercentileObserver (p = ${c.percentile}, ${binCount} bins): within one bin width of numpy.percentile after every batch`, () => {
        const observer = new PercentileObserver(c.percentile, binCount);
        const seen: number[] = [];
        batches.forEach((batch, i) => {
          feed(observer, batch);
          seen.push(...batch);
          const range = observer.range()!;
          const width = observer.binWidth()!;
          const expected = c.afterBatch[i]!;
          assert.ok(Math.abs(range.min - expected.min) <= width, `batch ${i}: min ${range.min} vs numpy ${expected.min} (bin width ${width})`);
          assert.ok(Math.abs(range.max - expected.max) <= width, `batch ${i}: max ${range.max} vs numpy ${expected.max} (bin width ${width})`);
          const span = batchRange(seen);
          assert.ok(width <= (4 * (span.max - span.min)) / binCount, `batch ${i}: bin width ${width} exceeds 4·span/B`);
        });
        assert.equal(observer.valueCount(), seen.length);
      });
    }
  }

  it('PercentileObserver: the fixture exercises the tails (the percentile range is well inside the min/max)', () => {
    const observer = new PercentileObserver(99.9);
    for (const batch of batches) feed(observer, batch);
    const range = observer.range()!;
    const all = batchRange(batches.flatMap((b) => [...b]));
    assert.ok(range.max < all.max - 5 && range.min > all.min + 5, JSON.stringify({ range, all }));
  });
});

describe('observer behaviour', () => {
  const makers: [string, () => ActivationObserver][] = [
    ['minmax', () => new MinMaxObserver()],
    ['movingAverageMinMax', () => new MovingAverageMinMaxObserver(0.1)],
    ['percentile', () => new PercentileObserver(99, 256)],
  ];

  for (const [kind, make] of makers) {
    it(`${kind}: no range before observing, so no scale`, () => {
      const observer = make();
      assert.equal(observer.range(), undefined);
      assert.throws(() => observer.quantizationParameters({ bits: 8, signed: false, symmetric: false }), /no range was observed/);
    });

    it(`${kind}: freeze() ignores later batches`, () => {
      const observer = make();
      feed(observer, batches[0]!);
      const before = observer.range();
      observer.freeze();
      feed(observer, batches[1]!);
      assert.deepEqual(observer.range(), before);
      assert.equal(observer.frozen, true);
      assert.equal(observer.state().frozen, true);
    });

    it(`${kind}: a resumed observer continues bit-identically from its JSON state`, () => {
      const uninterrupted = make();
      const first = make();
      batches.slice(0, 3).forEach((b) => {
        feed(uninterrupted, b);
        feed(first, b);
      });
      const resumed = make();
      resumed.load(JSON.parse(JSON.stringify(first.state())));
      assert.deepEqual(resumed.state(), first.state());
      for (const b of batches.slice(3)) {
        feed(uninterrupted, b);
        feed(resumed, b);
      }
      assert.deepEqual(resumed.state(), uninterrupted.state());
      assert.deepEqual(resumed.range(), uninterrupted.range());
      assert.notDeepEqual(resumed.range(), first.range());
    });

    it(`${kind}: rejects non-finite or inverted batch ranges`, () => {
      const observer = make();
      assert.throws(() => observer.observeMinMax(Number.NaN, 1), RangeError);
      assert.throws(() => observer.observeMinMax(0, Infinity), RangeError);
      assert.throws(() => observer.observeMinMax(2, 1), RangeError);
      assert.equal(observer.range(), undefined);
    });
  }

  it('load() refuses the state of another kind, other settings, or malformed fields', () => {
    const minmax = new MinMaxObserver();
    feed(minmax, batches[0]!);
    assert.throws(() => new MovingAverageMinMaxObserver().load(minmax.state()), ObserverStateError);
    const moving = new MovingAverageMinMaxObserver(0.3);
    assert.throws(() => new MovingAverageMinMaxObserver(0.01).load(moving.state()), /averaging constant 0.3/);
    const percentile = new PercentileObserver(99);
    assert.throws(() => new PercentileObserver(99.9).load(percentile.state()), ObserverStateError);
    assert.throws(() => new MinMaxObserver().load({ kind: 'minmax', frozen: false, range: { min: 'a', max: 1 } }), ObserverStateError);
    assert.throws(() => new MinMaxObserver().load(null), ObserverStateError);
    feed(percentile, batches[0]!);
    const broken = JSON.parse(JSON.stringify(percentile.state())) as { histogram: { total: number } };
    broken.histogram.total += 1;
    assert.throws(() => new PercentileObserver(99).load(broken), ObserverStateError);
  });

  it('PercentileObserver: min/max alone give the range only until values arrive', () => {
    const observer = new PercentileObserver(90, 64);
    observer.observeMinMax(-2, 3);
    assert.deepEqual(observer.range(), { min: -2, max: 3 });
    observer.observeValues(Float32Array.from({ length: 11 }, (_, i) => i));
    const range = observer.range()!;
    // numpy: percentiles 10 and 90 of 0..10 are 1 and 9.
    assert.ok(Math.abs(range.min - 1) <= observer.binWidth()! && Math.abs(range.max - 9) <= observer.binWidth()!, JSON.stringify(range));
    observer.observeMinMax(-1000, 1000);
    assert.deepEqual(observer.range(), range);
    assert.throws(() => observer.observeValues(Float32Array.from([1, Number.NaN])), RangeError);
  });

  it('PercentileObserver: a constant first batch is exact, and later batches widen the histogram', () => {
    const observer = new PercentileObserver(99, 128);
    observer.observeValues(new Float32Array(50).fill(0.75));
    assert.deepEqual(observer.range(), { min: 0.75, max: 0.75 });
    const wider = Float32Array.from({ length: 200 }, (_, i) => -3 + i * 0.05);
    observer.observeValues(wider);
    const values = [...new Float32Array(50).fill(0.75), ...wider];
    const range = observer.range()!;
    assert.ok(Math.abs(range.min - numpyPercentile(values, 1)) <= observer.binWidth()!);
    assert.ok(Math.abs(range.max - numpyPercentile(values, 99)) <= observer.binWidth()!);
    assert.ok(observer.binWidth()! <= (4 * (6.95 + 3)) / 128);
  });

  it('createActivationObserver follows the config settings', () => {
    const settings = { averagingConstant: 0.2, percentile: 99.5 };
    assert.ok(createActivationObserver({ ...settings, observer: 'minmax' }) instanceof MinMaxObserver);
    const moving = createActivationObserver({ ...settings, observer: 'movingAverageMinMax' });
    assert.ok(moving instanceof MovingAverageMinMaxObserver && moving.averagingConstant === 0.2);
    const percentile = createActivationObserver({ ...settings, observer: 'percentile' });
    assert.ok(percentile instanceof PercentileObserver && percentile.percentile === 99.5);
    assert.throws(() => new MovingAverageMinMaxObserver(0), RangeError);
    assert.throws(() => new PercentileObserver(40), RangeError);
  });
});

// A small MLP: input [N, 4] → Gemm → hidden → Relu → act → Gemm → logits [N, 2].
const W1 = [0.5, -1, 0.25, 2, -0.75, 0.5, 1.5, -0.25, 1, 1, -1, 0.5];
const B1 = [0.1, -0.2, 0.3];
const W2 = [1, -0.5, 2, -1.5, 0.25, 0.75];
const B2 = [0.05, -0.05];

function mlp(): Model {
  const graph = makeGraph('mlp', [
    makeNode('Gemm', ['input', 'w1', 'b1'], ['hidden'], 'fc1', { transB: attr.int(1) }),
    makeNode('Relu', ['hidden'], ['act'], 'relu'),
    makeNode('Gemm', ['act', 'w2', 'b2'], ['logits'], 'fc2', { transB: attr.int(1) }),
  ], [makeValueInfo('input', DataType.FLOAT, ['N', 4])], [makeValueInfo('logits', DataType.FLOAT, ['N', 2])],
  [makeFloatTensor('w1', W1, [3, 4]), makeFloatTensor('b1', B1, [3]), makeFloatTensor('w2', W2, [2, 3]), makeFloatTensor('b2', B2, [2])]);
  return makeModel(graph);
}

/** The MLP's activations for one example, in float64. */
function forward(x: ArrayLike<number>): { hidden: number[]; act: number[]; logits: number[] } {
  const hidden = B1.map((b, j) => b + [0, 1, 2, 3].reduce((s, k) => s + W1[j * 4 + k]! * x[k]!, 0));
  const act = hidden.map((h) => Math.max(0, h));
  const logits = B2.map((b, j) => b + [0, 1, 2].reduce((s, k) => s + W2[j * 3 + k]! * act[k]!, 0));
  return { hidden, act, logits };
}

// Ten examples; the last one is extreme, so a calibration that ran past its batches would show it.
const inputs = Float32Array.from({ length: 40 }, (_, i) => (i >= 36 ? 100 : Math.sin(i * 0.9) * 2));
const dataset = createFloatDataset({ values: inputs, shape: [4], labels: new Int32Array(10), classCount: 2 });

describe('observer statistics and calibration', () => {
  it('appendRangeStatistics adds ReduceMin/ReduceMax per tensor whose values are the batch extremes', async () => {
    const model = mlp();
    const stats = appendRangeStatistics(model, ['hidden', 'logits'], { addGraphOutputs: true });
    assert.deepEqual(stats.map((s) => s.tensor), ['hidden', 'logits']);
    assert.deepEqual(model.graph.nodes.slice(3).map((n) => [n.opType, n.attributes.get('keepdims')]), [
      ['ReduceMin', { kind: 'int', value: 0 }], ['ReduceMax', { kind: 'int', value: 0 }], ['ReduceMin', { kind: 'int', value: 0 }], ['ReduceMax', { kind: 'int', value: 0 }],
    ]);
    const session = await createSession(model);
    const out = await session.run({ input: new ort.Tensor('float32', inputs.slice(0, 20), [5, 4]) });
    const examples = Array.from({ length: 5 }, (_, i) => forward(inputs.subarray(i * 4, i * 4 + 4)));
    for (const s of stats) {
      const expected = batchRange(examples.flatMap((e) => e[s.tensor as 'hidden' | 'logits']));
      assert.deepEqual(out[s.min]!.dims, []);
      assert.ok(Math.abs((out[s.min]!.data as Float32Array)[0]! - expected.min) < 1e-5, `${s.tensor} min`);
      assert.ok(Math.abs((out[s.max]!.data as Float32Array)[0]! - expected.max) < 1e-5, `${s.tensor} max`);
    }
    assert.throws(() => appendRangeStatistics(mlp(), ['nowhere']), /no tensor .* has that name/);
  });

  it('calibrateActivationRanges feeds every observer from the first batches of a forward-only run', async () => {
    const model = mlp();
    const nodeCount = model.graph.nodes.length;
    const observers = new Map<string, ActivationObserver>([
      ['input', new PercentileObserver(90, 512)],
      ['hidden', new MinMaxObserver()],
      ['act', new MovingAverageMinMaxObserver(0.5)],
      ['logits', new PercentileObserver(75, 512)],
    ]);
    const summary = await calibrateActivationRanges({ model, inputName: 'input', dataset, batchSize: 3, batchCount: 3, observers });
    assert.deepEqual(summary, { batches: 3, examples: 9 });
    assert.equal(model.graph.nodes.length, nodeCount);

    const examples = Array.from({ length: 9 }, (_, i) => forward(inputs.subarray(i * 4, i * 4 + 4)));
    const close = (actual: number, expected: number, what: string, tolerance = 1e-5): void => assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
    const hidden = observers.get('hidden')!.range()!;
    const hiddenExpected = batchRange(examples.flatMap((e) => e.hidden));
    close(hidden.min, hiddenExpected.min, 'hidden min');
    close(hidden.max, hiddenExpected.max, 'hidden max');

    // Moving average with c = 0.5 over the three batches' extremes.
    let act: TorchRange | undefined;
    for (let b = 0; b < 3; b++) {
      const r = batchRange(examples.slice(b * 3, b * 3 + 3).flatMap((e) => e.act));
      act = act ? { min: act.min + 0.5 * (r.min - act.min), max: act.max + 0.5 * (r.max - act.max) } : r;
    }
    const actual = observers.get('act')!.range()!;
    close(actual.min, act!.min, 'act min');
    close(actual.max, act!.max, 'act max');

    for (const [tensor, percentile, values] of [['input', 90, [...inputs.subarray(0, 36)]], ['logits', 75, examples.flatMap((e) => e.logits)]] as const) {
      const observer = observers.get(tensor) as PercentileObserver;
      assert.equal(observer.valueCount(), values.length, tensor);
      const range = observer.range()!;
      close(range.min, numpyPercentile([...values], 100 - percentile), `${tensor} p${100 - percentile}`, observer.binWidth()! + 1e-5);
      close(range.max, numpyPercentile([...values], percentile), `${tensor} p${percentile}`, observer.binWidth()! + 1e-5);
    }
  });

  it('calibrateActivationRanges names a missing input', async () => {
    await assert.rejects(calibrateActivationRanges({ model: mlp(), inputName: 'pixels', dataset, batchSize: 3, batchCount: 1, observers: new Map() }), /no input 'pixels'/);
  });
});
