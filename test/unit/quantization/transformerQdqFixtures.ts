/** A small BERT-style classifier, padded token batches and a calibrated QAT plan for the transformer quantization tests. */
import type { Model } from '../../../engine/onnx/ir.ts';
import { cloneModel } from '../../../engine/onnx/cloneModel.ts';
import { buildTransformerClassifier, type TransformerClassifierSpec } from '../../../engine/models/transformerBuilder.ts';
import { randomTokenBatch } from '../../../engine/models/syntheticBatches.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';
import { insertFakeQuantization, type FakeQuantResult } from '../../../engine/quantization/insertFakeQuant.ts';
import { calibratedExportPlan } from '../../../engine/quantization/calibratedExportPlan.ts';
import { fakeQuantOptions } from '../../../engine/quantization/fakeQuantOptions.ts';
import { quantizationConfig } from '../analysis/qdqFixtures.ts';
import type { QdqExportPlan } from '../../../engine/quantization/exportPlan.ts';
import type { Feeds } from '../../../engine/analysis/collectTensors.ts';

export const TINY_TRANSFORMER: TransformerClassifierSpec = { name: 'tiny_bert', vocabularySize: 64, sequenceLength: 16, hiddenSize: 32, heads: 2, layers: 1, classes: 2 };

export function tinyTransformer(): Model {
  return buildTransformerClassifier(TINY_TRANSFORMER);
}

/** Padded random token batches for the tiny transformer (engine/models/syntheticBatches.ts). */
export function tokenBatch(batch: number, seed: number, spec: TransformerClassifierSpec = TINY_TRANSFORMER): Feeds {
  return randomTokenBatch(batch, seed, spec);
}

/** The QAT rewrite with the config defaults (W8 reduced to [−63, 63], symmetric per channel; A8 asymmetric uint8 per tensor) on a copy of `model`. */
export function fakeQuantized(model: Model): { model: Model; result: FakeQuantResult } {
  const rewritten = cloneModel(model);
  const result = insertFakeQuantization(rewritten, fakeQuantOptions(LINEAR_ONLY, new Set(findTrainableParameters(model))));
  return { model: rewritten, result };
}

/** The config's defaults with the linear op types only. */
const LINEAR_ONLY = quantizationConfig({ opTypes: ['Conv', 'Gemm', 'MatMul'] });

/** The export plan after calibrating a min-max observer per quantized activation on `calibration`. */
export async function calibratedTransformerPlan(model: Model, calibration: readonly Feeds[]): Promise<QdqExportPlan> {
  return calibratedExportPlan(model, calibration, LINEAR_ONLY);
}
