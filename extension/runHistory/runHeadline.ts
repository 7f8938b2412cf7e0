/** The one-line accuracy of a run in the runs view. */
import { formatAccuracy } from '../liveRun/runMessages.ts';
import type { EpochAccuracy } from '../../contracts/runFiles.ts';
import type { SummarySnapshot } from './runFolderReader.ts';

/** Names of accuracy series as the user reads them. */
const SERIES_NAMES: Record<string, string> = {
  qatFakeQuant: 'fake-quant',
  qatInt8: 'INT8',
  fp32: 'FP32',
  teacherFp32: 'teacher',
};

/**
 * "INT8 98.55 % · teacher 98.71 %" from a finished run's summary; otherwise the last
 * epoch's accuracy ("epoch 2 · fake-quant 97.10 %"), live or from metrics.jsonl.
 */
export function runHeadline(summary: SummarySnapshot | undefined, lastEpoch: EpochAccuracy | undefined): string | undefined {
  const accuracy = summary?.accuracy ?? {};
  if (typeof accuracy.qatInt8 === 'number') {
    const teacher = typeof accuracy.teacherFp32 === 'number' ? ` · teacher ${formatAccuracy(accuracy.teacherFp32)}` : '';
    return `INT8 ${formatAccuracy(accuracy.qatInt8)}${teacher}`;
  }
  if (typeof accuracy.fp32 === 'number') return `FP32 ${formatAccuracy(accuracy.fp32)}`;
  if (!lastEpoch) return undefined;
  const series = Object.entries(lastEpoch.accuracy).map(([name, value]) => `${SERIES_NAMES[name] ?? name} ${formatAccuracy(value)}`);
  return [`epoch ${lastEpoch.epoch + 1}`, ...series].join(' · ');
}
