/** The dashboard's summary card: finished figures, formatted, from baseline.json and summary.json. */
import type { SummaryItem } from '../../../webview/protocol.ts';
import type { BaselineFile, SummaryFile } from '../../../contracts/runFiles.ts';
import { bytes, duration, milliseconds, percent, percentPoints, ratio } from '../numberFormat.ts';
import { speedComparison } from '../../../contracts/speedComparison.ts';

function accuracyItem(label: string, value: number | null, against?: { label: string; value: number | null }): SummaryItem {
  if (value === null || !against || against.value === null) return { label, value: percent(value) };
  const delta = value - against.value;
  return { label, value: percent(value), detail: `${percentPoints(delta)} vs ${against.label}`, tone: delta >= -0.0005 ? 'good' : 'bad' };
}

/** FP32 → INT8 latency; a slower INT8 model is said so, in the warning colour, with where to read why. */
function latencyItem(label: string, fp32Ms: number, int8Ms: number): SummaryItem {
  const speed = speedComparison(fp32Ms, int8Ms);
  const value = `${milliseconds(fp32Ms)} → ${milliseconds(int8Ms)}`;
  return speed.slower
    ? { label, value, detail: `INT8 ${speed.text} than FP32: see “INT8 speed” in docs/quantization.md`, tone: 'warn' }
    : { label, value, detail: `INT8 ${speed.text}`, tone: 'good' };
}

export function summaryItems(baseline: BaselineFile | undefined, summary: SummaryFile | undefined): SummaryItem[] {
  const items: SummaryItem[] = [];
  if (summary && summary.status === 'finished') {
    const { accuracy, sizeBytes, latencyMs, exportAgreement } = summary;
    const teacher = { label: 'teacher', value: accuracy.teacherFp32 };
    const ptq = { label: 'PTQ', value: accuracy.ptqInt8 };
    items.push(accuracyItem('Teacher FP32', accuracy.teacherFp32));
    items.push(accuracyItem('Student FP32 (before QAT)', accuracy.studentFp32, teacher.value === null ? undefined : teacher));
    items.push(accuracyItem('PTQ INT8', accuracy.ptqInt8, teacher.value === null ? undefined : teacher));
    items.push(accuracyItem('QAT fake-quant', accuracy.qatFakeQuant, ptq));
    items.push(accuracyItem('Exported INT8', accuracy.qatInt8, ptq));
    items.push({ label: 'Size FP32 → INT8', value: `${bytes(sizeBytes.fp32)} → ${bytes(sizeBytes.int8)}`, detail: `${ratio(sizeBytes.fp32, sizeBytes.int8)} smaller` });
    items.push(latencyItem('Latency batch 1', latencyMs.fp32.batch1, latencyMs.int8.batch1));
    items.push(latencyItem(`Latency batch ${latencyMs.batchSize}`, latencyMs.fp32.batch, latencyMs.int8.batch));
    items.push({
      label: 'Export agreement',
      value: exportAgreement.ok ? 'agrees' : 'differs',
      detail: `INT8 vs fake-quant ${percentPoints(exportAgreement.deltaPp / 100)}`,
      tone: exportAgreement.ok ? 'good' : 'bad',
    });
    items.push({ label: 'Training time', value: duration(summary.seconds) });
    return items;
  }
  if (baseline) {
    items.push(accuracyItem('Teacher FP32', baseline.teacherFp32));
    items.push(accuracyItem('Student FP32 (before QAT)', baseline.studentFp32));
    const teacher = baseline.teacherFp32 === null ? undefined : { label: 'teacher', value: baseline.teacherFp32 };
    items.push(accuracyItem('PTQ INT8', baseline.ptqInt8, teacher));
  }
  return items;
}
