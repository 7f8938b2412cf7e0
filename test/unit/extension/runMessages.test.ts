import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { crashedMessage, finishedMessage, formatAccuracy, summaryVerdict } from '../../../extension/liveRun/runMessages.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';

describe('run end messages', () => {
  it('judges INT8 accuracy against the teacher, or the FP32 student without one', () => {
    assert.equal(formatAccuracy(0.98551), '98.55 %');
    const finished = (accuracy: Pick<RunSummary['accuracy'], 'qatInt8' | 'teacherFp32' | 'studentFp32'>): RunSummary => ({ accuracy: { ptqInt8: 0.5, qatFakeQuant: 0.9, studentFp32AfterQat: 0.9, ...accuracy } }) as RunSummary;
    assert.equal(finishedMessage('tiny', finished({ qatInt8: 0.9855, teacherFp32: 0.9871, studentFp32: 0.97 })), 'DistQ run tiny finished: INT8 98.55 % (teacher FP32 98.71 %), −0.16 pp vs teacher, within the 0.5 pp tolerance; +1.55 pp vs student before QAT.');
    assert.equal(finishedMessage('tiny', finished({ qatInt8: 0.99, teacherFp32: null, studentFp32: 0.985 })), 'DistQ run tiny finished: INT8 99.00 % (FP32 student 98.50 %), +0.50 pp vs student before QAT, within the 0.5 pp tolerance.');
  });

  it('says a run 8 pp below its teacher finished below its goal, and follows the tolerance', () => {
    const summary = { accuracy: { qatInt8: 0.9035, teacherFp32: 0.9855, studentFp32: 0.098, ptqInt8: 0.098, qatFakeQuant: 0.9, studentFp32AfterQat: 0.9 } } as RunSummary;
    assert.match(finishedMessage('cnn', summary), /^DistQ run cnn finished below its goal: INT8 90\.35 % \(teacher FP32 98\.55 %\), −8\.20 pp vs teacher, beyond the 0\.5 pp tolerance; \+80\.55 pp vs student before QAT\.$/);
    assert.equal(summaryVerdict(summary, 0.5).verdict, 'below');
    assert.equal(summaryVerdict(summary, 10).verdict, 'meets');
    assert.match(finishedMessage('cnn', summary, 10), /^DistQ run cnn finished: .*within the 10 pp tolerance/);
  });

  it('names the run and leaves out the headline without a summary', () => {
    assert.equal(finishedMessage('tiny', undefined), 'DistQ run tiny finished.');
  });

  it('quotes the last output lines of a crash', () => {
    const text = crashedMessage('tiny', 'exit code 134', ['a', 'b', 'c', 'd']);
    assert.match(text, /during run tiny/);
    assert.match(text, /Last output: b \| c \| d$/);
    assert.doesNotMatch(crashedMessage(undefined, 'signal SIGSEGV', []), /Last output/);
  });
});
