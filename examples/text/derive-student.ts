/**
 * Writes the half-depth student (encoder-2l.onnx): the trained 4-layer teacher's embeddings and
 * classifier with its layers 1 and 3 (the layers the student's layers are mapped to).
 * Run after training the teacher: node --import tsx examples/text/derive-student.ts
 */
import * as path from 'node:path';
import { evenlyKeptLayers, shallowerEncoder } from '../../engine/models/shallowerEncoder.ts';
import { SPAM_HALF_DEPTH_STUDENT, SPAM_TEACHER } from '../../engine/models/textModels.ts';
import { readModel, writeModel } from '../../engine/onnx/modelFile.ts';

const folder = path.dirname(new URL(import.meta.url).pathname);
const teacher = readModel(path.join(folder, 'encoder-4l.trained.onnx'));
const kept = evenlyKeptLayers(SPAM_TEACHER.layers, SPAM_HALF_DEPTH_STUDENT.layers);
writeModel(shallowerEncoder(teacher, SPAM_HALF_DEPTH_STUDENT, kept), path.join(folder, 'encoder-2l.onnx'));
console.log(`wrote examples/text/encoder-2l.onnx (teacher layers ${kept.join(', ')})`);
