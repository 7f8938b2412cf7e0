/** The one rule every surface uses to say whether a run's INT8 model reached its teacher. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP } from '../../../contracts/accuracyVerdict.ts';

describe('accuracy verdict against the teacher', () => {
  it('calls a run 8.2 pp below its teacher below the default tolerance, with both deltas', () => {
    const verdict = accuracyVerdict({ teacherFp32: 0.9855, studentFp32: 0.098, int8: 0.9035 });
    assert.equal(verdict.verdict, 'below');
    assert.equal(verdict.deltaVsTeacherPp, -8.2);
    assert.equal(verdict.deltaVsStudentPp, 80.55);
    assert.equal(verdict.text, '−8.20 pp vs teacher, beyond the 0.5 pp tolerance; +80.55 pp vs student before QAT');
    assert.equal(verdict.shortText, '−8.20 pp vs teacher');
  });

  it('meets the goal within the tolerance, at its edge and above the teacher', () => {
    assert.equal(DEFAULT_ACCURACY_TOLERANCE_PP, 0.5);
    assert.equal(accuracyVerdict({ teacherFp32: 0.9871, studentFp32: 0.97, int8: 0.9855 }).verdict, 'meets');
    assert.equal(accuracyVerdict({ teacherFp32: 0.99, studentFp32: null, int8: 0.985 }).verdict, 'meets');
    assert.equal(accuracyVerdict({ teacherFp32: 0.98, studentFp32: null, int8: 0.99 }).text, '+1.00 pp vs teacher, within the 0.5 pp tolerance');
  });

  it('follows the tolerance the user sets', () => {
    const accuracies = { teacherFp32: 0.9871, studentFp32: 0.97, int8: 0.9855 };
    assert.equal(accuracyVerdict(accuracies, 0.1).verdict, 'below');
    assert.equal(accuracyVerdict(accuracies, 0.2).verdict, 'meets');
  });

  it('judges against the student before QAT when there is no teacher', () => {
    const verdict = accuracyVerdict({ teacherFp32: null, studentFp32: 0.99, int8: 0.97 });
    assert.equal(verdict.verdict, 'below');
    assert.equal(verdict.deltaVsTeacherPp, null);
    assert.equal(verdict.shortText, '−2.00 pp vs student before QAT');
  });
});
