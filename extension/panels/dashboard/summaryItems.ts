/** The dashboard's summary card: finished figures, formatted, from baseline.json and summary.json. */
import type { SummaryItem } from '../../../webview/protocol.ts';
import type { BaselineFile, RunSummary, SummaryFile } from '../../../contracts/runFiles.ts';
import { bytes, duration, milliseconds, percent, percentPoints } from '../numberFormat.ts';
import { speedComparison } from '../../../contracts/speedComparison.ts';
import { sizeComparison } from '../../../contracts/sizeComparison.ts';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP } from '../../../contracts/accuracyVerdict.ts';

function accuracyItem(label: string, value: number | null, against?: { label: string; value: number | null }): SummaryItem {
  if (value === null || !against || against.value === null) return { label, value: percent(value) };
  const delta = value - against.value;
  return { label, value: percent(value), detail: `${percentPoints(delta)} vs ${against.label}`, tone: delta >= -0.0005 ? 'good' : 'bad' };
}

/**
 * The headline: the exported INT8 model against the goal, its FP32 teacher (and the student
 * before QAT), in the warning colour when it falls further below than the user's tolerance.
 */
function resultItem(accuracy: RunSummary['accuracy'], tolerancePp: number): SummaryItem {
  const verdict = accuracyVerdict({ teacherFp32: accuracy.teacherFp32, studentFp32: accuracy.studentFp32, int8: accuracy.qatInt8 }, tolerancePp);
  const reference = accuracy.teacherFp32 !== null ? `teacher ${percent(accuracy.teacherFp32)}` : `student ${percent(accuracy.studentFp32)}`;
  return {
    label: 'Result: INT8 vs teacher',
    value: `${percent(accuracy.qatInt8)} vs ${reference}`,
    detail: verdict.text,
    tone: verdict.verdict === 'meets' ? 'good' : 'warn',
  };
}

/** Gain over post-training quantization: secondary, so neutral unless QAT made things worse. */
function ptqGainItem(label: string, value: number, ptq: number | null): SummaryItem {
  if (ptq === null) return { label, value: percent(value) };
  const delta = value - ptq;
  return { label, value: percent(value), detail: `${percentPoints(delta)} vs PTQ`, tone: delta >= -0.0005 ? 'neutral' : 'bad' };
}

/** FP32 → INT8 file size; a larger INT8 model is said so in the warning colour. */
function sizeItem(fp32Bytes: number, int8Bytes: number): SummaryItem {
  const size = sizeComparison(fp32Bytes, int8Bytes);
  return { label: 'Size FP32 → INT8', value: `${bytes(fp32Bytes)} → ${bytes(int8Bytes)}`, detail: `INT8 ${size.text}`, tone: size.larger ? 'warn' : 'good' };
}

/** FP32 → INT8 latency; a slower INT8 model is said so, in the warning colour, with where to read why. */
function latencyItem(label: string, fp32Ms: number, int8Ms: number): SummaryItem {
  const speed = speedComparison(fp32Ms, int8Ms);
  const value = `${milliseconds(fp32Ms)} → ${milliseconds(int8Ms)}`;
  return speed.slower
    ? { label, value, detail: `INT8 ${speed.text} than FP32: see “INT8 speed” in docs/quantization.md`, tone: 'warn' }
    : { label, value, detail: `INT8 ${speed.text}`, tone: 'good' };
}

/** `tolerancePp`: how far below its teacher an INT8 model may fall and still meet the goal (`distq.accuracyTolerancePp`). */
export function summaryItems(baseline: BaselineFile | undefined, summary: SummaryFile | undefined, tolerancePp = DEFAULT_ACCURACY_TOLERANCE_PP): SummaryItem[] {
  const items: SummaryItem[] = [];
  if (summary && summary.status === 'finished') {
    const { accuracy, sizeBytes, latencyMs, exportAgreement } = summary;
    const teacher = { label: 'teacher', value: accuracy.teacherFp32 };
    items.push(resultItem(accuracy, tolerancePp));
    items.push(accuracyItem('Teacher FP32', accuracy.teacherFp32));
    items.push(accuracyItem('Student FP32 (before QAT)', accuracy.studentFp32, teacher.value === null ? undefined : teacher));
    items.push(accuracyItem('PTQ INT8', accuracy.ptqInt8, teacher.value === null ? undefined : teacher));
    items.push(ptqGainItem('QAT fake-quant', accuracy.qatFakeQuant, accuracy.ptqInt8));
    items.push(ptqGainItem('Exported INT8', accuracy.qatInt8, accuracy.ptqInt8));
    items.push(sizeItem(sizeBytes.fp32, sizeBytes.int8));
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
