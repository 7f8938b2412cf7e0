/**
 * Whether a run reached its goal: the INT8 model's accuracy against the FP32 teacher (the
 * student before QAT when there is no teacher), within a tolerance in percentage points.
 * The dashboard, the runs view, the finish notification, compare and the CLI all judge by it.
 */

/** The tolerance when the user sets none: the setting `distq.accuracyTolerancePp` and the CLI both default to it. */
export const DEFAULT_ACCURACY_TOLERANCE_PP = 0.5;

export interface VerdictAccuracies {
  teacherFp32: number | null;
  studentFp32: number | null;
  int8: number;
}

export interface AccuracyVerdict {
  /** INT8 minus teacher, in pp, rounded to hundredths; null without a teacher. */
  deltaVsTeacherPp: number | null;
  /** INT8 minus the student before QAT, in pp, rounded to hundredths; null without one. */
  deltaVsStudentPp: number | null;
  /** `below`: further below the reference than the tolerance allows. */
  verdict: 'meets' | 'below';
  /** "−8.20 pp vs teacher, beyond the 0.5 pp tolerance; +80.55 pp vs student before QAT" */
  text: string;
  /** "−8.20 pp vs teacher", for narrow places such as the runs view. */
  shortText: string;
}

/** Rounded as shown, so the verdict never contradicts the figure printed beside it. */
function deltaPp(value: number, reference: number | null): number | null {
  return reference === null ? null : Math.round(10000 * (value - reference)) / 100;
}

/** "+0.50 pp" or "−8.20 pp", with a true minus sign. */
export function signedPp(pp: number): string {
  return `${pp >= 0 ? '+' : '−'}${Math.abs(pp).toFixed(2)} pp`;
}

export function accuracyVerdict(accuracies: VerdictAccuracies, tolerancePp = DEFAULT_ACCURACY_TOLERANCE_PP): AccuracyVerdict {
  const deltaVsTeacherPp = deltaPp(accuracies.int8, accuracies.teacherFp32);
  const deltaVsStudentPp = deltaPp(accuracies.int8, accuracies.studentFp32);
  const reference = deltaVsTeacherPp !== null ? { delta: deltaVsTeacherPp, name: 'teacher' } : deltaVsStudentPp !== null ? { delta: deltaVsStudentPp, name: 'student before QAT' } : undefined;
  const verdict = reference === undefined || reference.delta >= -Math.abs(tolerancePp) ? 'meets' : 'below';
  if (!reference) return { deltaVsTeacherPp, deltaVsStudentPp, verdict, text: 'no FP32 accuracy to compare with', shortText: '' };
  const shortText = `${signedPp(reference.delta)} vs ${reference.name}`;
  const withinWord = verdict === 'meets' ? 'within' : 'beyond';
  const student = deltaVsTeacherPp !== null && deltaVsStudentPp !== null ? `; ${signedPp(deltaVsStudentPp)} vs student before QAT` : '';
  return { deltaVsTeacherPp, deltaVsStudentPp, verdict, text: `${shortText}, ${withinWord} the ${Math.abs(tolerancePp)} pp tolerance${student}`, shortText };
}
