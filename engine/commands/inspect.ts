/**
 * `distq inspect MODEL --data DATA`: calibrate, quantize (PTQ) and report the
 * per-layer quantization error, without training.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { effectiveDistillation, effectiveQuantization, TRAINING_DEFAULTS } from '../config/effectiveSections.ts';
import { loadData, type TrainTestData } from '../data/loadData.ts';
import { CompressionSession } from '../compression/compressionSession.ts';
import { CompressionManager } from '../compression/compressionManager.ts';
import { createRangeObserver } from '../compression/rangeObserverFactory.ts';
import { exportAndEvaluate } from '../compression/exportAndEvaluate.ts';
import { layerErrorsOf } from '../compression/layerReport.ts';
import type { InspectReport } from '../../contracts/engineProtocol.ts';
import { bindModelInputs, embeddingTablesOf, loadModelForTraining, type LoadedModel } from '../models/loadStudentModel.ts';
import { readZipEntries } from '../data/zip.ts';
import { INPUT_IDS } from '../data/text/tokenDataset.ts';
import { DEFAULT_SPAM_SEQUENCE_LENGTH, DEFAULT_SPAM_VOCAB_SIZE } from '../data/text/spamAssassinTokens.ts';
import type { Reporter } from './reporter.ts';
import { readUserFile } from '../util/userFile.ts';
import { checkLabelsInRange } from '../models/labelRange.ts';

export interface InspectOptions {
  /**
   * `mnist`; `spamassassin` (sequence length and vocabulary taken from the model's input_ids); or an
   * .npz file: token ids (train_input_ids, …, as the `tokens` data kind) or x_train/y_train/x_test/y_test.
   */
  data: string;
  weightBits?: number;
  activationBits?: number;
  calibrationBatches?: number;
  threads?: number;
}

/** `distq inspect` only calibrates, on `calibrationBatches` batches of this many examples (8 × 64 by default); training's larger default batch would change its figures. */
const INSPECT_CALIBRATION_BATCH_SIZE = 64;

function dataFor(spec: string, model: LoadedModel): TrainTestData {
  if (spec === 'mnist') return loadData({ kind: 'mnist' }, (p) => p);
  if (spec === 'spamassassin') return loadData({ kind: 'spamassassin', ...tokenInputSizes(model) }, (p) => p);
  const file = path.resolve(spec);
  // Only the archive's directory is read here; loadData reads the arrays.
  if (readZipEntries(readUserFile(file, 'data file'), file).some((entry) => entry.name === 'train_input_ids.npy')) return loadData({ kind: 'tokens', path: file }, (p) => path.resolve(p));
  return loadData({ kind: 'npz', path: file, trainInputs: 'x_train', trainLabels: 'y_train', testInputs: 'x_test', testLabels: 'y_test' }, (p) => path.resolve(p));
}

/** The built-in text data sized for a token model: its input_ids' length and its embedding table's rows. */
function tokenInputSizes(model: LoadedModel): { vocabSize: number; sequenceLength: number } {
  const graph = model.model.graph;
  const ids = graph.inputs.find((i) => i.name === INPUT_IDS);
  const length = ids?.shape?.[1];
  const rows = embeddingTablesOf(graph, INPUT_IDS)[0]?.rows;
  return { vocabSize: Math.min(rows ?? DEFAULT_SPAM_VOCAB_SIZE, 65536), sequenceLength: typeof length === 'number' ? length : DEFAULT_SPAM_SEQUENCE_LENGTH };
}

export async function inspectModel(modelPath: string, options: InspectOptions, reporter: Reporter): Promise<InspectReport> {
  const quantization = effectiveQuantization({
    weights: { bits: options.weightBits },
    activations: { bits: options.activationBits },
    calibrationBatches: options.calibrationBatches,
  }, 'inspect options');
  const distillation = effectiveDistillation(undefined, false, 'inspect options');
  const threads = options.threads ?? TRAINING_DEFAULTS.threads;
  const { evalBatchSize } = TRAINING_DEFAULTS;
  const loaded = loadModelForTraining(path.resolve(modelPath), undefined, undefined);
  const data = dataFor(options.data, loaded);
  const student = bindModelInputs(loaded, data.train, data.description);
  checkLabelsInRange(student, data);
  reporter.progress({ phase: 'calibrate' });
  const session = await CompressionSession.create({
    student, distillation, quantization, train: data.train, seed: TRAINING_DEFAULTS.seed, threads, batchSize: INSPECT_CALIBRATION_BATCH_SIZE, evalBatchSize,
    createObserver: () => createRangeObserver(quantization.activations),
  });
  try {
    const manager = new CompressionManager(session, quantization, data.train);
    await manager.calibrate();
    const fp32 = await session.evaluateFloat(data.test);
    const ptqFakeQuant = await session.evaluateFakeQuant(data.test);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-inspect-'));
    const exported = await exportAndEvaluate(session, session.currentStudent(), data.test, path.join(scratch, 'ptq-int8.onnx'), undefined, evalBatchSize, threads);
    fs.rmSync(scratch, { recursive: true, force: true });
    reporter.progress({ phase: 'analyse' });
    const layers = await layerErrorsOf(session, data.test);
    return { model: student.path, bits: { weights: quantization.weights.bits, activations: quantization.activations.bits }, accuracy: { fp32, ptqFakeQuant, ptqInt8: exported.accuracy }, layers };
  } finally {
    await session.release();
  }
}
