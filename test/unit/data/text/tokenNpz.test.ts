import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DataFileError } from '../../../../engine/data/errors.ts';
import { loadTokenNpz } from '../../../../engine/data/text/tokenNpz.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/data/text');
const fixture = (name: string) => path.join(FIXTURES, name);
interface ExpectedArray { dtype: string; shape: number[]; values: number[] }
const expected = JSON.parse(fs.readFileSync(fixture('expected.json'), 'utf8')) as Record<string, Record<string, ExpectedArray> | { error: string }>;

describe('loadTokenNpz', () => {
  const want = expected['tokens.npz'] as Record<string, ExpectedArray>;

  it('reads ids, mask and labels of both splits as numpy wrote them, widened to int64 / int32', () => {
    const { train, test } = loadTokenNpz(fixture('tokens.npz'));
    for (const [split, set] of [['train', train], ['test', test]] as const) {
      assert.ok(set.inputIds instanceof BigInt64Array && set.attentionMask instanceof BigInt64Array && set.labels instanceof Int32Array);
      assert.deepEqual([...set.inputIds], want[`${split}_input_ids`]!.values.map(BigInt));
      assert.deepEqual([...set.attentionMask], want[`${split}_attention_mask`]!.values.map(BigInt));
      assert.deepEqual([...set.labels], want[`${split}_labels`]!.values);
      assert.equal(set.sequenceLength, 5);
    }
    assert.equal(want['test_input_ids']!.dtype, 'int32');
    assert.equal(want['test_attention_mask']!.dtype, 'bool');
    assert.deepEqual([train.count, test.count], [3, 2]);
    assert.deepEqual([train.vocabSize, test.vocabSize], [29001, 29001], 'the largest id over both splits + 1');
    assert.deepEqual([train.classCount, test.classCount], [2, 2]);
  });

  it('takes the vocabulary size and class count from the options and checks the ids against it', () => {
    const { train } = loadTokenNpz(fixture('tokens.npz'), { vocabSize: 30522, classCount: 3 });
    assert.deepEqual([train.vocabSize, train.classCount], [30522, 3]);
    assert.throws(() => loadTokenNpz(fixture('tokens.npz'), { vocabSize: 8000 }), /split 'test': token dataset: input id 29000 at sequence 1, position 1 is outside \[0, 8000\)/);
  });

  for (const [name, outcome] of Object.entries(expected)) {
    if (!('error' in outcome)) continue;
    it(`refuses ${name}, naming the file and '${outcome.error}'`, () => {
      assert.throws(() => loadTokenNpz(fixture(name)), (error: unknown) => {
        assert.ok(error instanceof DataFileError);
        assert.ok(error.message.startsWith(`${fixture(name)}: `), error.message);
        assert.ok(error.message.includes(outcome.error as string), error.message);
        return true;
      });
    });
  }
});
