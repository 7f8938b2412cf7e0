/**
 * The built-in text task: SpamAssassin messages (ham 0, spam 1), split (spamAssassinSplit.ts),
 * tokenized with a vocabulary built from the training messages only, as token datasets.
 */
import { encodeTexts } from './encode.ts';
import { subjectAndBody } from './emailText.ts';
import { loadSpamAssassinMessages, SPAM_ASSASSIN_CLASSES, type MailMessage } from './spamAssassinCorpus.ts';
import { splitMessages } from './spamAssassinSplit.ts';
import { createTokenDataset, type TokenDataset } from './tokenDataset.ts';
import { buildVocabulary, type Vocabulary } from './tokenizer.ts';

export const DEFAULT_SPAM_VOCAB_SIZE = 4096;
export const DEFAULT_SPAM_SEQUENCE_LENGTH = 128;

export interface SpamAssassinOptions {
  /** Ids in the vocabulary, the three special tokens included. Default 4096. */
  vocabSize?: number;
  /** Tokens per sequence, [CLS] included. Default 128. */
  sequenceLength?: number;
  /** The package's data folder; default: found through Node's module resolution. */
  dataDirectory?: string;
}

export interface SpamAssassinSplit {
  train: TokenDataset;
  test: TokenDataset;
  vocabulary: Vocabulary;
  /** The training and test messages, in dataset order (message i is example i). */
  trainMessages: MailMessage[];
  testMessages: MailMessage[];
}

export function loadSpamAssassin(options: SpamAssassinOptions = {}): SpamAssassinSplit {
  const vocabSize = options.vocabSize ?? DEFAULT_SPAM_VOCAB_SIZE;
  const sequenceLength = options.sequenceLength ?? DEFAULT_SPAM_SEQUENCE_LENGTH;
  const messages = loadSpamAssassinMessages(options.dataDirectory);
  const split = splitMessages(messages);
  const trainMessages = Array.from(split.train, (index) => messages[index]!);
  const testMessages = Array.from(split.test, (index) => messages[index]!);
  const trainTexts = trainMessages.map((message) => subjectAndBody(message.text));
  const vocabulary = buildVocabulary(trainTexts, vocabSize);
  const toDataset = (texts: string[], subset: MailMessage[]): TokenDataset => {
    const encoded = encodeTexts(texts, vocabulary, sequenceLength);
    return createTokenDataset({
      inputIds: encoded.inputIds,
      attentionMask: encoded.attentionMask,
      labels: Int32Array.from(subset, (message) => message.label),
      sequenceLength,
      vocabSize: vocabulary.tokens.length,
      classCount: SPAM_ASSASSIN_CLASSES.length,
    });
  };
  return {
    train: toDataset(trainTexts, trainMessages),
    test: toDataset(testMessages.map((message) => subjectAndBody(message.text)), testMessages),
    vocabulary,
    trainMessages,
    testMessages,
  };
}
