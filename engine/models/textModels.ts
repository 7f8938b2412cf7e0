/** The text example architectures (examples/text and the benchmark use these). */
import type { TransformerClassifierSpec } from './transformerBuilder.ts';

/** The FP32 teacher: a 4-layer BERT-style encoder, D = 64, 4 heads, FFN 256, on 128-token messages. */
export const SPAM_TEACHER: TransformerClassifierSpec = {
  name: 'spam_encoder_4l',
  vocabularySize: 4096,
  sequenceLength: 128,
  hiddenSize: 64,
  heads: 4,
  layers: 4,
  intermediateSize: 256,
  classes: 2,
};

/** The half-depth student: the teacher's architecture with 2 layers. */
export const SPAM_HALF_DEPTH_STUDENT: TransformerClassifierSpec = { ...SPAM_TEACHER, name: 'spam_encoder_2l', layers: 2 };
