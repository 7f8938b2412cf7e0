/** The one-line accuracy of a run in the runs view. */
import { formatAccuracy } from '../liveRun/runMessages.ts';
import type { EpochAccuracy } from '../../contracts/runFiles.ts';
import type { SummarySnapshot } from './runFolderReader.ts';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP, signedPp, type AccuracyVerdict } from '../../contracts/accuracyVerdict.ts';

/** Names of accuracy series as the user reads them. */
const SERIES_NAMES: Record<string, string> = {
  qatFakeQuant: 'fake-quant',
  qatInt8: 'INT8',
  fp32: 'FP32',
  teacherFp32: 'teacher',
};

/** A finished run's result against its goal (contracts/accuracyVerdict.ts), from its summary's accuracies. */
export function runVerdict(summary: SummarySnapshot | undefined, tolerancePp: number): AccuracyVerdict | undefined {
  const accuracy = summary?.accuracy ?? {};
  if (typeof accuracy.qatInt8 !== 'number') return undefined;
  const known = (value: number | null | undefined): number | null => (typeof value === 'number' ? value : null);
  return accuracyVerdict({ int8: accuracy.qatInt8, teacherFp32: known(accuracy.teacherFp32), studentFp32: known(accuracy.studentFp32) }, tolerancePp);
}

/**
 * "90.35 % · −8.20 pp ⚠" from a finished run's summary: its INT8 accuracy and how far it is from
 * its teacher (the student before QAT without one), short enough for the sidebar's default width
 * beside the run's name and status; ⚠ marks a run below its goal, and the tooltip words it in full.
 * Otherwise the last epoch's accuracy ("epoch 2 · fake-quant 97.10 %"), live or from metrics.jsonl.
 */
export function runHeadline(summary: SummarySnapshot | undefined, lastEpoch: EpochAccuracy | undefined, tolerancePp = DEFAULT_ACCURACY_TOLERANCE_PP): string | undefined {
  const accuracy = summary?.accuracy ?? {};
  const verdict = runVerdict(summary, tolerancePp);
  if (typeof accuracy.qatInt8 === 'number' && verdict) {
    const delta = verdict.deltaVsTeacherPp ?? verdict.deltaVsStudentPp;
    const against = delta !== null ? ` · ${signedPp(delta)}` : '';
    return `${formatAccuracy(accuracy.qatInt8)}${against}${verdict.verdict === 'below' ? ' ⚠' : ''}`;
  }
  if (typeof accuracy.fp32 === 'number') return `FP32 ${formatAccuracy(accuracy.fp32)}`;
  if (!lastEpoch) return undefined;
  const series = Object.entries(lastEpoch.accuracy).map(([name, value]) => `${SERIES_NAMES[name] ?? name} ${formatAccuracy(value)}`);
  return [`epoch ${lastEpoch.epoch + 1}`, ...series].join(' · ');
}
