/** Turns texts into the fixed-length int64 `input_ids` and `attention_mask` that BERT-style ONNX graphs take. */
import { CLS_ID, PAD_ID, tokenIds, type Vocabulary } from './tokenizer.ts';

export interface EncodedTexts {
  /** `count × sequenceLength` ids, row-major. */
  readonly inputIds: BigInt64Array;
  /** 1 where `inputIds` holds [CLS] or a word, 0 on padding; same layout. */
  readonly attentionMask: BigInt64Array;
  readonly count: number;
  readonly sequenceLength: number;
}

/**
 * Each row is [CLS], then the ids of the text's first `sequenceLength - 1` words (the rest is cut),
 * then [PAD] up to `sequenceLength`.
 */
export function encodeTexts(texts: readonly string[], vocabulary: Vocabulary, sequenceLength: number): EncodedTexts {
  if (!Number.isInteger(sequenceLength) || sequenceLength < 2) {
    throw new Error(`sequence length ${sequenceLength} must be an integer of at least 2 ([CLS] and one word)`);
  }
  const inputIds = new BigInt64Array(texts.length * sequenceLength).fill(BigInt(PAD_ID));
  const attentionMask = new BigInt64Array(texts.length * sequenceLength);
  texts.forEach((text, row) => {
    const ids = [CLS_ID, ...tokenIds(vocabulary, text).slice(0, sequenceLength - 1)];
    const offset = row * sequenceLength;
    ids.forEach((id, position) => {
      inputIds[offset + position] = BigInt(id);
      attentionMask[offset + position] = 1n;
    });
  });
  return { inputIds, attentionMask, count: texts.length, sequenceLength };
}
