import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { accuracyHeadline, crashedMessage, finishedMessage, formatAccuracy } from '../../../extension/liveRun/runMessages.ts';

describe('run end messages', () => {
  it('compares INT8 accuracy with the teacher', () => {
    assert.equal(formatAccuracy(0.98551), '98.55 %');
    assert.equal(accuracyHeadline({ qatInt8: 0.9855, teacherFp32: 0.9871, studentFp32: 0.97 }), 'INT8 98.55 % vs teacher FP32 98.71 % (−0.16 pp)');
    assert.equal(accuracyHeadline({ qatInt8: 0.99, teacherFp32: null, studentFp32: 0.985 }), 'INT8 99.00 % vs FP32 student 98.50 % (+0.50 pp)');
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
