/** Synthetic input batches (image-shaped and token) for the export tests and the benches. */
import * as ort from 'onnxruntime-node';
import { SeededRandom } from '../util/random.ts';
import { TRANSFORMER_ATTENTION_MASK, TRANSFORMER_INPUT_IDS, type TransformerClassifierSpec } from './transformerBuilder.ts';

/** `batch` examples of `exampleShape` with uniform values in [0, 1), fed as the input named `input`. */
export function randomUniformBatch(batch: number, exampleShape: readonly number[], seed: number): Record<string, ort.Tensor> {
  const random = new SeededRandom(seed);
  const data = new Float32Array(batch * exampleShape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = random.next();
  return { input: new ort.Tensor('float32', data, [batch, ...exampleShape]) };
}

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
