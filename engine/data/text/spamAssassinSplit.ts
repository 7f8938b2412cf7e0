/**
 * The fixed train/test split of the SpamAssassin corpus, stratified by label, never Math.random:
 * - Content: a message's content is the words (tokenizer.ts) of its Subject and body (emailText.ts).
 *   111 messages repeat the content of an earlier one (the same mail sent to several lists); each goes
 *   to the side of the first message with its content, so no content is in both sets.
 * - Split: within each label, number the messages with new content 0, 1, 2, … in corpus order
 *   (spamAssassinCorpus.ts); number k is a test message if k % 5 === 4, a training message otherwise.
 * - Order: each set keeps corpus order (all ham, then all spam); batches shuffle it.
 */
import { subjectAndBody } from './emailText.ts';
import { wordTokens } from './tokenizer.ts';

/** Every fifth new content of a label, starting at the fifth, is a test message. */
const TEST_EVERY = 5;

export interface MessageSplit {
  /** Corpus indices of the training messages, ascending. */
  readonly train: Int32Array;
  /** Corpus indices of the test messages, ascending. */
  readonly test: Int32Array;
}

export function splitMessages(messages: readonly { readonly label: number; readonly text: string }[]): MessageSplit {
  const sideOfContent = new Map<string, 'train' | 'test'>();
  const newContentsPerLabel = new Map<number, number>();
  const train: number[] = [];
  const test: number[] = [];
  messages.forEach(({ label, text }, index) => {
    const content = wordTokens(subjectAndBody(text)).join(' ');
    let side = sideOfContent.get(content);
    if (side === undefined) {
      const k = newContentsPerLabel.get(label) ?? 0;
      newContentsPerLabel.set(label, k + 1);
      side = k % TEST_EVERY === TEST_EVERY - 1 ? 'test' : 'train';
      sideOfContent.set(content, side);
    }
    (side === 'test' ? test : train).push(index);
  });
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
