/** One zoo model (test/fixtures/zoo) through QAT + KD and the INT8 export, its weights filled by role. */
import * as path from 'node:path';
import { readModel } from '../../../engine/onnx/modelFile.ts';
import { trainAndExport, type TrainedExport } from '../../support/trainAndExport.ts';
import { fillStrippedWeights } from './zooWeights.ts';

export const ZOO_FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/zoo');
const IMAGE_SHAPE = [3, 32, 32];

/** Trains `<name>.onnx` of the zoo fixtures for a few QAT + KD steps in `folder` and exports it. */
export async function trainZooModel(name: string, folder: string): Promise<TrainedExport> {
  const model = readModel(path.join(ZOO_FIXTURES, `${name}.onnx`));
  fillStrippedWeights(model);
  return trainAndExport(model, name, IMAGE_SHAPE, folder);
}
