/** What the user reads when a run ends. */
import type { RunSummary } from '../../contracts/runFiles.ts';

/** An accuracy in [0, 1] as "98.55 %". */
export function formatAccuracy(accuracy: number): string {
  return `${(100 * accuracy).toFixed(2)} %`;
}

/** "INT8 98.55 % vs teacher FP32 98.71 % (−0.16 pp)"; without a teacher, against the FP32 student. */
export function accuracyHeadline(accuracy: Pick<RunSummary['accuracy'], 'qatInt8' | 'teacherFp32' | 'studentFp32'>): string {
  const reference = accuracy.teacherFp32 ?? accuracy.studentFp32;
  const referenceName = accuracy.teacherFp32 !== null ? 'teacher FP32' : 'FP32 student';
  const deltaPp = 100 * (accuracy.qatInt8 - reference);
  const sign = deltaPp >= 0 ? '+' : '−';
  return `INT8 ${formatAccuracy(accuracy.qatInt8)} vs ${referenceName} ${formatAccuracy(reference)} (${sign}${Math.abs(deltaPp).toFixed(2)} pp)`;
}

export function finishedMessage(runName: string, summary: RunSummary | undefined): string {
  return summary ? `DistQ run ${runName} finished: ${accuracyHeadline(summary.accuracy)}.` : `DistQ run ${runName} finished.`;
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
