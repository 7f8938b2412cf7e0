/** What the user reads when a run ends. */
import type { RunSummary } from '../../contracts/runFiles.ts';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP, type AccuracyVerdict } from '../../contracts/accuracyVerdict.ts';

/** An accuracy in [0, 1] as "98.55 %". */
export function formatAccuracy(accuracy: number): string {
  return `${(100 * accuracy).toFixed(2)} %`;
}

/** The run's result judged against its goal (contracts/accuracyVerdict.ts). */
export function summaryVerdict(summary: RunSummary, tolerancePp: number): AccuracyVerdict {
  const { qatInt8, teacherFp32, studentFp32 } = summary.accuracy;
  return accuracyVerdict({ int8: qatInt8, teacherFp32, studentFp32 }, tolerancePp);
}

/** "INT8 90.35 % (teacher FP32 98.55 %), −8.20 pp vs teacher, beyond the 0.5 pp tolerance; +80.55 pp vs student before QAT" */
function accuracyHeadline(accuracy: Pick<RunSummary['accuracy'], 'qatInt8' | 'teacherFp32' | 'studentFp32'>, verdict: AccuracyVerdict): string {
  const reference = accuracy.teacherFp32 !== null ? `teacher FP32 ${formatAccuracy(accuracy.teacherFp32)}` : `FP32 student ${formatAccuracy(accuracy.studentFp32)}`;
  return `INT8 ${formatAccuracy(accuracy.qatInt8)} (${reference}), ${verdict.text}`;
}

/** A run further below its teacher than the tolerance says so first: it finished, but did not reach its goal. */
export function finishedMessage(runName: string, summary: RunSummary | undefined, tolerancePp = DEFAULT_ACCURACY_TOLERANCE_PP): string {
  if (!summary) return `DistQ run ${runName} finished.`;
  const verdict = summaryVerdict(summary, tolerancePp);
  return `DistQ run ${runName} finished${verdict.verdict === 'below' ? ' below its goal' : ''}: ${accuracyHeadline(summary.accuracy, verdict)}.`;
}

export function stoppedMessage(runName: string): string {
  return `DistQ run ${runName} stopped. Its folder keeps the last finished epoch's checkpoint: resume it from the Runs view.`;
}

export function failedMessage(runName: string, cause: string): string {
  return `DistQ run ${runName} failed: ${cause}`;
}

export function killedMessage(runName: string, seconds: number): string {
  return `DistQ run ${runName} did not stop within ${seconds} s, so DistQ ended the engine process. The run folder keeps its last checkpoint (the last finished epoch): resume it from the Runs view.`;
}

export function crashedMessage(runName: string | undefined, exit: string, lastLines: readonly string[]): string {
  const what = runName ? `The DistQ engine stopped unexpectedly (${exit}) during run ${runName}.` : `The DistQ engine stopped unexpectedly (${exit}).`;
  const tail = lastLines.length > 0 ? ` Last output: ${lastLines.slice(-3).join(' | ')}` : '';
  return `${what} It restarts on next use.${tail}`;
}
