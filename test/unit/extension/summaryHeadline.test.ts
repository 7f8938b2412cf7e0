/**
 * The dashboard's summary leads with the result against the goal (INT8 vs the FP32 teacher, in the
 * warning colour beyond the user's tolerance); the gain over PTQ is secondary; size says smaller or larger.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summaryItems } from '../../../extension/panels/dashboard/summaryItems.ts';
import { DashboardModel } from '../../../extension/panels/dashboard/dashboardModel.ts';
import type { RunSummary, SummaryFile } from '../../../contracts/runFiles.ts';
import { DEFAULT_ACCURACY_TOLERANCE_PP } from '../../../contracts/accuracyVerdict.ts';
import { formatRunSummary } from '../../../engine/cli/formatSummary.ts';

/** The run: an untrained student, 3 epochs, INT8 8.2 pp below its teacher yet 80 pp above PTQ. */
function summary(accuracy: Partial<RunSummary['accuracy']> = {}, sizeBytes = { fp32: 4096, int8: 1024 }): RunSummary {
  return {
    kind: 'run', name: 'cnn', configPath: '/w/cnn.distq.json', status: 'finished', distillation: 'kd', bits: { weights: 8, activations: 8 },
    accuracy: { teacherFp32: 0.9855, studentFp32: 0.098, ptqInt8: 0.098, qatFakeQuant: 0.9041, qatInt8: 0.9035, studentFp32AfterQat: 0.905, ...accuracy },
    sizeBytes,
    latencyMs: { fp32: { batch1: 0.05, batch: 20 }, int8: { batch1: 0.04, batch: 10 }, batchSize: 500 },
    exportAgreement: { deltaPp: 0, ok: true }, epochs: [], seconds: 10, runFolder: '/w/runs/cnn',
  };
}

describe('the dashboard summary\'s headline', () => {
  it('comes first and warns for a run 8 pp below its teacher, whatever its gain over PTQ', () => {
    const items = summaryItems(undefined, summary() as SummaryFile);
    assert.deepEqual(items[0], {
      label: 'Result: INT8 vs teacher',
      value: '90.35 % vs teacher 98.55 %',
      detail: '−8.20 pp vs teacher, beyond the 0.5 pp tolerance; +80.55 pp vs student before QAT',
      tone: 'warn',
    });
    const int8 = items.find((i) => i.label === 'Exported INT8')!;
    assert.equal(int8.detail, '+80.55 pp vs PTQ');
    assert.equal(int8.tone, 'neutral', 'the PTQ gain is secondary: not shown as a success');
  });

  it('is in the good colour within the tolerance, and follows the tolerance it is given', () => {
    const close = summary({ qatInt8: 0.9830 }) as SummaryFile;
    assert.equal(summaryItems(undefined, close)[0]!.tone, 'good');
    assert.equal(summaryItems(undefined, close, 0.1)[0]!.tone, 'warn');
    assert.equal(summaryItems(undefined, summary() as SummaryFile, 10)[0]!.tone, 'good');
  });

  it('judges against the student before QAT when there is no teacher', () => {
    const item = summaryItems(undefined, summary({ teacherFp32: null, studentFp32: 0.99, qatInt8: 0.97 }) as SummaryFile)[0]!;
    assert.equal(item.value, '97.00 % vs student 99.00 %');
    assert.equal(item.tone, 'warn');
  });

  it('flags QAT below PTQ in the bad colour', () => {
    const items = summaryItems(undefined, summary({ ptqInt8: 0.95 }) as SummaryFile);
    assert.equal(items.find((i) => i.label === 'Exported INT8')!.tone, 'bad');
  });

  it('says smaller or larger, larger in the warning colour', () => {
    const size = (bytes: { fp32: number; int8: number }) => summaryItems(undefined, summary({}, bytes) as SummaryFile).find((i) => i.label === 'Size FP32 → INT8')!;
    assert.deepEqual([size({ fp32: 4096, int8: 1024 }).detail, size({ fp32: 4096, int8: 1024 }).tone], ['INT8 4.00× smaller', 'good']);
    assert.deepEqual([size({ fp32: 1000, int8: 1200 }).detail, size({ fp32: 1000, int8: 1200 }).tone], ['INT8 1.20× larger', 'warn']);
  });

  it('the dashboard model asks for the user\'s tolerance each time it builds the summary', () => {
    let tolerancePp = 0.5;
    const model = new DashboardModel('cnn', '/w/runs/cnn', { phase: 'finished', message: '' }, undefined, () => tolerancePp);
    model.setSummary(summary({ qatInt8: 0.9830 }) as SummaryFile);
    assert.equal(model.snapshot().summary[0]!.tone, 'good');
    tolerancePp = 0.1;
    assert.equal(model.snapshot().summary[0]!.tone, 'warn');
  });
});

describe('the tolerance\'s one default', () => {
  it('is the setting\'s default in package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
    assert.equal(manifest.contributes.configuration.properties['distq.accuracyTolerancePp']?.default, DEFAULT_ACCURACY_TOLERANCE_PP);
  });
});

describe('the CLI summary', () => {
  it('leads with a warning for a run below its goal and says smaller', () => {
    const text = formatRunSummary(summary());
    assert.match(text, /WARNING: below the goal: INT8 model 90\.35 %, −8\.20 pp vs teacher, beyond the 0\.5 pp tolerance; \+80\.55 pp vs student before QAT\./);
    assert.match(text, /Size 4 KiB → 1 KiB \(4\.00× smaller\)/);
    assert.match(formatRunSummary(summary({ qatInt8: 0.9830 })), /\nResult: INT8 model 98\.30 %, −0\.25 pp vs teacher, within the 0\.5 pp tolerance/);
  });
});
