/** Synthetic token batches for a transformer classifier: the export tests' and the latency bench's inputs. */
import * as ort from 'onnxruntime-node';
import { SeededRandom } from '../training/random.ts';
import { TRANSFORMER_ATTENTION_MASK, TRANSFORMER_INPUT_IDS, type TransformerClassifierSpec } from './transformerBuilder.ts';

/**
 * `batch` rows of uniform token ids in [0, vocabulary), each row attended for a random
 * length in [4, L] and padded after it (mask 0), as a tokenizer pads a batch.
 */
export function randomTokenBatch(batch: number, seed: number, spec: Pick<TransformerClassifierSpec, 'sequenceLength' | 'vocabularySize'>): Record<string, ort.Tensor> {
  const random = new SeededRandom(seed);
  const length = spec.sequenceLength;
  const ids = new BigInt64Array(batch * length);
  const mask = new BigInt64Array(batch * length);
  for (let row = 0; row < batch; row++) {
    const attended = 4 + Math.floor(random.next() * (length - 3));
    for (let position = 0; position < length; position++) {
      ids[row * length + position] = BigInt(Math.floor(random.next() * spec.vocabularySize));
      mask[row * length + position] = position < attended ? 1n : 0n;
    }
  }
  return { [TRANSFORMER_INPUT_IDS]: new ort.Tensor('int64', ids, [batch, length]), [TRANSFORMER_ATTENTION_MASK]: new ort.Tensor('int64', mask, [batch, length]) };
}
