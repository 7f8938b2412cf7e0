/**
 * Writes the study's small text student (small-encoder.onnx, untrained): 2 layers, D = 32, 4 heads,
 * FFN 128, the teacher's vocabulary and length. Run: node --import tsx bench/experiments/text/build-small.ts
 */
import * as path from 'node:path';
import { buildTransformerClassifier } from '../../../engine/models/transformerBuilder.ts';
import { SPAM_TEACHER } from '../../../engine/models/textModels.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';

const folder = path.dirname(new URL(import.meta.url).pathname);
writeModel(buildTransformerClassifier({ ...SPAM_TEACHER, name: 'spam_encoder_small', layers: 2, hiddenSize: 32, intermediateSize: 128, seed: 5 }), path.join(folder, 'small-encoder.onnx'));
console.log('wrote bench/experiments/text/small-encoder.onnx');
