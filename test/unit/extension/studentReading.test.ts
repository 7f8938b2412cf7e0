/** The New Config wizard reads the student: near chance → a from-scratch schedule, trained → a fine-tune, unknown → a fine-tune that says why. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { EvaluateModelParams, ModelEvaluation } from '../../../contracts/engineProtocol.ts';
import { parseConfigText } from '../../../engine/config/loadConfig.ts';
import { newConfigText } from '../../../extension/configAuthoring/newConfigText.ts';
import { readStudent, scoresNearChance, STUDENT_EVALUATION_EXAMPLES, trainingForStudent, type StudentReading } from '../../../extension/configAuthoring/studentReading.ts';

const evaluation = (accuracy: number, classCount = 10, majorityShare = 0.11): ModelEvaluation => ({ accuracy, examples: 1000, classCount, majorityShare });

function configWith(student: StudentReading): { text: string; training: ReturnType<typeof parseConfigText>['training'] } {
  const file = '/work/examples/mnist/small-cnn.distq.json';
  const text = newConfigText({ teacher: '/work/examples/mnist/cnn.onnx', student: '/work/examples/mnist/small-cnn.onnx', data: { kind: 'mnist' }, distillation: 'kd', precision: { weightBits: 8, activationBits: 8 }, file }, {}, student);
  return { text, training: parseConfigText(text, file).training };
}

function comments(text: string): string {
  return text.split('\n').filter((line) => line.trim().startsWith('//')).map((line) => line.trim().slice(3)).join(' ');
}

describe('the New Config wizard reads the student', () => {
  it('calls a student near chance untrained, and one well above it trained', () => {
    assert.equal(scoresNearChance(evaluation(0.098)), true, '9.8 % on 10 classes');
    assert.equal(scoresNearChance(evaluation(0.30)), true, 'less than a quarter of the way from 11 % to 100 %');
    assert.equal(scoresNearChance(evaluation(0.40)), false);
    assert.equal(scoresNearChance(evaluation(0.985)), false);
    // Two classes, four in five ham: always saying ham scores 80 %, so 82 % is still guessing.
    assert.equal(scoresNearChance(evaluation(0.82, 2, 0.8)), true);
    assert.equal(scoresNearChance(evaluation(0.97, 2, 0.8)), false);
  });

  it('writes a from-scratch schedule for an untrained student, as the examples train small-cnn, and says why', () => {
    const { text, training } = configWith({ evaluation: evaluation(0.098) });
    assert.equal(training.epochs, 8);
    assert.equal(training.optimizer.learningRate, 0.05);
    assert.equal(training.schedule.warmupSteps, 50);
    assert.match(comments(text), /Training from scratch: the student scores 9\.80 % on 1,000 test examples, near chance \(chance for 10 classes is 11\.00 %\), so it looks untrained\./);
  });

  it('keeps the fine-tune for a trained student, with its score', () => {
    const { text, training } = configWith({ evaluation: evaluation(0.985) });
    assert.equal(training.epochs, 3);
    assert.equal(training.optimizer.learningRate, 0.01);
    assert.match(comments(text), /a short fine-tune from the model's own weights \(the student scores 98\.50 % on 1,000 test examples; chance for 10 classes is 11\.00 %\)/);
  });

  it('keeps the fine-tune when the student could not be evaluated, saying so and why', () => {
    const { text, training } = configWith({ unavailable: 'data.path: missing.npz does not exist' });
    assert.equal(training.epochs, 3);
    assert.match(comments(text), /assuming the student is trained: DistQ could not evaluate it \(data\.path: missing\.npz does not exist\)\. If it is untrained, train from scratch instead/);
  });

  it('asks the engine for a bounded evaluation only in a trusted workspace, and turns its failure into the reason', async () => {
    const asked: EvaluateModelParams[] = [];
    const engine = { evaluate: async (params: EvaluateModelParams) => (asked.push(params), evaluation(0.5)) };
    assert.deepEqual(await readStudent('/m.onnx', { kind: 'mnist' }, engine, () => true), { evaluation: evaluation(0.5) });
    assert.deepEqual(asked, [{ modelPath: '/m.onnx', data: { kind: 'mnist' }, maxExamples: STUDENT_EVALUATION_EXAMPLES }]);
    assert.ok(STUDENT_EVALUATION_EXAMPLES <= 1000);

    const untrusted = await readStudent('/m.onnx', { kind: 'mnist' }, engine, () => false);
    assert.deepEqual(untrusted, { unavailable: 'the workspace is not trusted, so DistQ did not run it' });
    assert.equal(asked.length, 1, 'an untrusted workspace starts no engine');

    const failing = { evaluate: async (): Promise<ModelEvaluation> => { throw new Error('Request model/evaluate failed with message: /m.onnx: the model has no output'); } };
    assert.deepEqual(await readStudent('/m.onnx', { kind: 'mnist' }, failing, () => true), { unavailable: '/m.onnx: the model has no output' });
    assert.match(trainingForStudent(untrusted).comment, /could not evaluate it \(the workspace is not trusted, so DistQ did not run it\)/);
  });
});
