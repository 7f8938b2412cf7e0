import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeTexts } from '../../../../engine/data/text/encode.ts';
import { subjectAndBody } from '../../../../engine/data/text/emailText.ts';
import { buildVocabulary, CLS_ID, PAD_ID, tokenIds, UNK_ID, vocabularyFromTokens, wordTokens } from '../../../../engine/data/text/tokenizer.ts';

describe('wordTokens', () => {
  it('keeps lower-cased runs of ASCII letters and digits and splits on everything else', () => {
    assert.deepEqual(wordTokens('Hello, WORLD! 3D-printing costs $1,000.50 (café) naïve_x\tTab'), [
      'hello', 'world', '3d', 'printing', 'costs', '1', '000', '50', 'caf', 'na', 've', 'x', 'tab',
    ]);
    assert.deepEqual(wordTokens(' \n—…'), []);
  });
});

describe('subjectAndBody', () => {
  it('keeps the (unfolded) Subject and the body, and drops the other headers', () => {
    const message = 'From a@b  Thu Aug 22\nReceived: from x\n\tby y\nSUBJECT: Cheap\n  meds now\nTo: z@w\n\nBody line 1\n\nBody line 2\n';
    assert.equal(subjectAndBody(message), 'Cheap  meds now\nBody line 1\n\nBody line 2\n');
  });

  it('handles CRLF line ends, a missing Subject and a message without a body', () => {
    assert.equal(subjectAndBody('To: a\r\nSubject: Hi\r\n\r\nText\r\n'), 'Hi\nText\r\n');
    assert.equal(subjectAndBody('To: a\n\nonly body'), '\nonly body');
    assert.equal(subjectAndBody('Subject: headers only'), 'headers only\n');
  });
});

describe('buildVocabulary', () => {
  const texts = ['b a c a', 'c b d', 'zz a b'];

  it('puts [PAD], [UNK], [CLS] first, then words by falling count, ties in code-unit order', () => {
    // counts: a 3, b 3, c 2, d 1, zz 1
    assert.deepEqual(buildVocabulary(texts, 100).tokens, ['[PAD]', '[UNK]', '[CLS]', 'a', 'b', 'c', 'd', 'zz']);
    assert.deepEqual(buildVocabulary(['b 2 a 10'], 100).tokens.slice(3), ['10', '2', 'a', 'b']);
  });

  it('keeps only the vocabSize - 3 most frequent words', () => {
    const vocabulary = buildVocabulary(texts, 6);
    assert.deepEqual(vocabulary.tokens, ['[PAD]', '[UNK]', '[CLS]', 'a', 'b', 'c']);
    assert.equal(vocabulary.ids.get('c'), 5);
    assert.equal(vocabulary.ids.get('d'), undefined);
  });

  it('gives the same vocabulary whatever the order of the texts', () => {
    assert.deepEqual(buildVocabulary([...texts].reverse(), 7).tokens, buildVocabulary(texts, 7).tokens);
  });

  it('refuses a size without room for a word and a token list without the special tokens', () => {
    assert.throws(() => buildVocabulary(texts, 3), /above the 3 special tokens/);
    assert.throws(() => vocabularyFromTokens(['[PAD]', '[CLS]', '[UNK]', 'a']), /id 1 must be \[UNK\]/);
    assert.throws(() => vocabularyFromTokens(['[PAD]', '[UNK]', '[CLS]', 'a', 'a']), /appears twice/);
  });
});

describe('encodeTexts', () => {
  const vocabulary = vocabularyFromTokens(['[PAD]', '[UNK]', '[CLS]', 'free', 'money', 'meeting', 'at', '10']);

  it('maps words to ids and unknown words to [UNK]', () => {
    assert.deepEqual(tokenIds(vocabulary, 'FREE money!! Win money at 10am'), [3, 4, UNK_ID, 4, 6, UNK_ID]);
  });

  it('writes [CLS], the ids, then [PAD], with a mask of 1 on [CLS] and words', () => {
    const encoded = encodeTexts(['Free money', '', 'meeting at 10, at 10 sharp'], vocabulary, 6);
    assert.equal(encoded.count, 3);
    assert.equal(encoded.sequenceLength, 6);
    assert.ok(encoded.inputIds instanceof BigInt64Array && encoded.attentionMask instanceof BigInt64Array);
    assert.deepEqual([...encoded.inputIds], [
      2n, 3n, 4n, 0n, 0n, 0n, // padded
      2n, 0n, 0n, 0n, 0n, 0n, // empty text: [CLS] alone
      2n, 5n, 6n, 7n, 6n, 7n, // truncated after 5 words ("sharp" is cut)
    ]);
    assert.deepEqual([...encoded.attentionMask], [1n, 1n, 1n, 0n, 0n, 0n, 1n, 0n, 0n, 0n, 0n, 0n, 1n, 1n, 1n, 1n, 1n, 1n]);
    assert.equal(CLS_ID, 2);
    assert.equal(PAD_ID, 0);
  });

  it('gives every row exactly sequenceLength ids whatever the text length', () => {
    const long = Array.from({ length: 50 }, () => 'money').join(' ');
    for (const length of [2, 7, 64]) {
      const encoded = encodeTexts([long, 'free'], vocabulary, length);
      assert.equal(encoded.inputIds.length, 2 * length);
      const used = (row: number) => encoded.attentionMask.subarray(row * length, (row + 1) * length).reduce((sum, value) => sum + value, 0n);
      assert.equal(used(0), BigInt(Math.min(length, 51)));
      assert.equal(used(1), 2n);
    }
    assert.throws(() => encodeTexts(['free'], vocabulary, 1), /at least 2/);
  });
});
