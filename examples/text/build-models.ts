/**
 * Writes the untrained text example model (encoder-4l.onnx) with DistQ's own graph builder.
 * Run: node --import tsx examples/text/build-models.ts
 */
import * as path from 'node:path';
import { buildTransformerClassifier } from '../../engine/models/transformerBuilder.ts';
import { SPAM_TEACHER } from '../../engine/models/textModels.ts';
import { writeModel } from '../../engine/onnx/modelFile.ts';

const folder = path.dirname(new URL(import.meta.url).pathname);
writeModel(buildTransformerClassifier({ ...SPAM_TEACHER, seed: 1 }), path.join(folder, 'encoder-4l.onnx'));
console.log('wrote examples/text/encoder-4l.onnx');
