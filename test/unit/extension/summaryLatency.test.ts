/** The dashboard's summary says how the INT8 model's speed compares with FP32, and says "slower" in the warning tone. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { summaryItems } from '../../../extension/panels/dashboard/summaryItems.ts';
import type { SummaryFile } from '../../../contracts/runFiles.ts';
import { speedComparison } from '../../../contracts/speedComparison.ts';
import { formatRunSummary } from '../../../engine/cli/formatSummary.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';

function summary(int8: { batch1: number; batch: number }): RunSummary {
  return {
    kind: 'run', name: 'demo', configPath: '/w/demo.distq.json', status: 'finished', distillation: 'kd', bits: { weights: 8, activations: 8 },
    accuracy: { teacherFp32: 0.99, studentFp32: 0.99, ptqInt8: 0.98, qatFakeQuant: 0.99, qatInt8: 0.99, studentFp32AfterQat: 0.99 },
    sizeBytes: { fp32: 4096, int8: 1024 },
    latencyMs: { fp32: { batch1: 0.038, batch: 20 }, int8: { batch1: int8.batch1, batch: int8.batch }, batchSize: 500 },
    exportAgreement: { deltaPp: 0, ok: true }, epochs: [], seconds: 10, runFolder: '/w/runs/demo',
  };
}

describe('INT8 speed against FP32, as the summaries say it', () => {
  it('words a ratio both ways', () => {
    assert.deepEqual(speedComparison(0.038, 0.133), { text: '3.50× slower', slower: true });
    assert.deepEqual(speedComparison(20, 10), { text: '2.00× faster', slower: false });
    assert.deepEqual(speedComparison(0, 0.133, 'not measured'), { text: 'not measured', slower: false });
  });

  it('the dashboard shows a slower INT8 model in the warning tone with the reason\'s place, a faster one in the good tone', () => {
    const items = summaryItems(undefined, summary({ batch1: 0.133, batch: 10 }) as SummaryFile);
    const batch1 = items.find((i) => i.label === 'Latency batch 1')!;
    const batch = items.find((i) => i.label === 'Latency batch 500')!;
    assert.equal(batch1.tone, 'warn');
    assert.match(batch1.detail!, /^INT8 3\.50× slower than FP32: see “INT8 speed” in docs\/quantization\.md$/);
    assert.equal(batch.tone, 'good');
    assert.equal(batch.detail, 'INT8 2.00× faster');
  });

  it('the CLI summary says slower and warns', () => {
    const text = formatRunSummary(summary({ batch1: 0.133, batch: 10 }));
    assert.match(text, /batch 1 0\.038 → 0\.133 ms \(3\.50× slower\)/);
    assert.match(text, /WARNING: the INT8 model is slower than FP32 at batch 1; see “INT8 speed” in docs\/quantization\.md\./);
    assert.doesNotMatch(formatRunSummary(summary({ batch1: 0.019, batch: 10 })), /WARNING/);
  });
});
