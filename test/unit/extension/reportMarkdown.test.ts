import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { runSummaryMarkdown } from '../../../extension/dashboard/runSummaryMarkdown.ts';
import { inspectReportMarkdown } from '../../../extension/reports/inspectReportMarkdown.ts';
import { oneLine } from '../../../extension/engine/engineErrors.ts';
import type { InspectReport } from '../../../engine/protocol.ts';
import type { RunFolderState } from '../../../extension/runs/runFolderState.ts';

const metrics = (sqnrDb: number) => ({ sqnrDb, mse: 0.001, cosineSimilarity: 0.999, maxAbsError: 0.1 });

describe('stand-in reports', () => {
  it('writes a finished run as markdown with accuracy, size and epochs', () => {
    const summary = {
      status: 'finished', accuracy: { teacherFp32: 0.99, qatInt8: 0.985 }, seconds: 75,
      sizeBytes: { fp32: 2 * 1024 * 1024, int8: 512 * 1024 }, latencyMs: { fp32: { batch1: 0.5, batch: 20 }, int8: { batch1: 0.25, batch: 10 }, batchSize: 500 },
      exportAgreement: { deltaPp: 0.05, ok: true }, epochs: [{ epoch: 0, trainLoss: 0.5, accuracy: { qatFakeQuant: 0.98 } }],
    };
    const state: RunFolderState = {
      folder: '/w/runs/a-20261128-000000Z', folderName: 'a-20261128-000000Z', status: 'finished', hasCheckpoint: true, hasMetrics: true,
      summary: { status: 'finished', accuracy: summary.accuracy },
    };
    const text = runSummaryMarkdown(state, 'finished', summary);
    assert.match(text, /^# a-20261128-000000Z/);
    assert.match(text, /Duration: 1:15/);
    assert.match(text, /\| QAT INT8 \(exported, ONNX Runtime\) \| 98\.50 % \|/);
    assert.match(text, /\| size \| 2\.00 MiB \| 512\.0 KiB \|/);
    assert.match(text, /\| latency, batch 500 \| 20\.000 ms \| 10\.000 ms \|/);
    assert.match(text, /\| 1 \| 0\.5000 \| qatFakeQuant 98\.00 % \|/);
  });

  it('says whether a stopped run can be resumed', () => {
    const state: RunFolderState = { folder: '/w/runs/b', folderName: 'b', status: 'stopped', hasCheckpoint: false, hasMetrics: false };
    assert.match(runSummaryMarkdown(state, 'stopped', undefined), /No checkpoint yet/);
    assert.match(runSummaryMarkdown({ ...state, hasCheckpoint: true }, 'stopped', undefined), /Resumable/);
  });

  it('lists layers worst first', () => {
    const layer = (node: string, sqnrDb: number) => ({
      node, opType: 'Gemm',
      activation: { tensor: `${node}_in`, scale: 1, zeroPoint: 0, qmin: -128, qmax: 127, quantization: metrics(sqnrDb), accumulated: metrics(sqnrDb), histogram: { min: 0, max: 1, counts: [] } },
      weight: null,
    });
    const report = {
      model: 'm.onnx', bits: { weights: 8, activations: 8 }, accuracy: { fp32: 0.9, ptqFakeQuant: 0.89, ptqInt8: 0.88 },
      layers: { bins: 8, batches: 2, layers: [layer('good', 40), layer('bad', 12)] },
    } as unknown as InspectReport;
    const text = inspectReportMarkdown(report, 'm.onnx', 'MNIST');
    assert.ok(text.indexOf('| bad |') < text.indexOf('| good |'));
    assert.match(text, /\| PTQ INT8 \(ONNX Runtime\) \| 88\.00 % \|/);
    assert.match(text, /\| bad \| Gemm \| 12\.0 \| 12\.0 \| 0\.9990 \| – \| – \|/);
  });

  it('keeps the engine’s own message of a failed request, on one line', () => {
    assert.equal(oneLine(new Error('Request run/start failed with message: model file x.onnx does not exist')), 'model file x.onnx does not exist');
    assert.equal(oneLine(new Error('first\n  second')), 'first second');
    assert.equal(oneLine('plain'), 'plain');
  });
});
