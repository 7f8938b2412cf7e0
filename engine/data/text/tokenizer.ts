/**
 * A small word-level tokenizer: runs of ASCII letters and digits, lower-cased, and a vocabulary of the
 * most frequent words of a training corpus after three special tokens.
 *
 * Only ASCII `[A-Za-z0-9]` makes words; everything else (punctuation, white space, any non-ASCII
 * character) separates them, so the result never depends on the Unicode tables of a Node version.
 */
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
/** The tokens of ids 0, 1 and 2, in that order. */
export const SPECIAL_TOKENS: readonly string[] = ['[PAD]', '[UNK]', '[CLS]'];

export interface Vocabulary {
  /** Token of each id: the special tokens, then the words by falling frequency, ties alphabetical. */
  readonly tokens: readonly string[];
  /** The id of each token, the inverse of `tokens`. */
  readonly ids: ReadonlyMap<string, number>;
}

const WORD = /[A-Za-z0-9]+/g;

/** The words of a text, lower-cased, in order. */
export function wordTokens(text: string): string[] {
  return Array.from(text.matchAll(WORD), (match) => match[0].toLowerCase());
}

/**
 * The `vocabSize - 3` most frequent words of `texts` (counting every occurrence) after [PAD], [UNK]
 * and [CLS]; equal counts are ordered by code unit (digits before letters, then alphabetically).
 * A corpus with fewer distinct words gives a smaller vocabulary.
 */
export function buildVocabulary(texts: Iterable<string>, vocabSize: number): Vocabulary {
  if (!Number.isInteger(vocabSize) || vocabSize <= SPECIAL_TOKENS.length) {
    throw new Error(`vocabulary size ${vocabSize} must be an integer above the ${SPECIAL_TOKENS.length} special tokens`);
  }
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of wordTokens(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts.entries()]
    .sort(([wordA, countA], [wordB, countB]) => countB - countA || (wordA < wordB ? -1 : wordA > wordB ? 1 : 0))
    .slice(0, vocabSize - SPECIAL_TOKENS.length)
    .map(([word]) => word);
  return vocabularyFromTokens([...SPECIAL_TOKENS, ...words]);
}

/** A vocabulary from its token list (e.g. one saved earlier); the first three must be the special tokens. */
export function vocabularyFromTokens(tokens: readonly string[]): Vocabulary {
  SPECIAL_TOKENS.forEach((special, id) => {
    if (tokens[id] !== special) throw new Error(`vocabulary: id ${id} must be ${special}, got ${JSON.stringify(tokens[id])}`);
  });
  const ids = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (ids.has(token)) throw new Error(`vocabulary: token ${JSON.stringify(token)} appears twice (ids ${ids.get(token)} and ${id})`);
    ids.set(token, id);
  });
  return { tokens: [...tokens], ids };
}

/** The ids of a text's words; words outside the vocabulary become [UNK]. */
export function tokenIds(vocabulary: Vocabulary, text: string): number[] {
  return wordTokens(text).map((word) => vocabulary.ids.get(word) ?? UNK_ID);
}
