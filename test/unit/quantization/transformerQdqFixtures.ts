/** A small BERT-style classifier, padded token batches and a calibrated QAT plan for the transformer quantization tests. */
import * as ort from 'onnxruntime-node';
import type { Model } from '../../../engine/onnx/ir.ts';
import { cloneModel } from '../../../engine/onnx/cloneModel.ts';
import { buildTransformerClassifier, TRANSFORMER_ATTENTION_MASK, TRANSFORMER_INPUT_IDS, type TransformerClassifierSpec } from '../../../engine/models/transformerBuilder.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';
import { SeededRandom } from '../../../engine/training/random.ts';
import { insertFakeQuantization, type FakeQuantResult } from '../../../engine/quantization/insertFakeQuant.ts';
import { effectiveWeightScheme } from '../../../engine/quantization/scheme.ts';
import { MinMaxObserver } from '../../../engine/quantization/observers.ts';
import { buildExportPlan, type QdqExportPlan } from '../../../engine/quantization/exportPlan.ts';
import { collectTensors, type Feeds } from '../../../engine/analysis/collectTensors.ts';

export const TINY_TRANSFORMER: TransformerClassifierSpec = { name: 'tiny_bert', vocabularySize: 64, sequenceLength: 16, hiddenSize: 32, heads: 2, layers: 1, classes: 2 };

export function tinyTransformer(): Model {
  return buildTransformerClassifier(TINY_TRANSFORMER);
}

/**
 * `batch` rows of uniform token ids in [0, vocabulary), each row attended for a random
 * length in [4, L] and padded after it (mask 0), as a tokenizer pads a batch.
 */
export function tokenBatch(batch: number, seed: number, spec: TransformerClassifierSpec = TINY_TRANSFORMER): Feeds {
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

/** The QAT rewrite with the config defaults (W8 reduced to [−63, 63], symmetric per channel; A8 asymmetric uint8 per tensor) on a copy of `model`. */
export function fakeQuantized(model: Model): { model: Model; result: FakeQuantResult } {
  const rewritten = cloneModel(model);
  const result = insertFakeQuantization(rewritten, {
    weights: effectiveWeightScheme({ bits: 8, signed: true, perChannel: true, reduceRange: true }),
    activations: { bits: 8, symmetric: false, signed: false },
    opTypes: ['Conv', 'Gemm', 'MatMul'],
    exclude: [],
    weightTensors: new Set(findTrainableParameters(model)),
  });
  return { model: rewritten, result };
}

/** The export plan after calibrating a min-max observer per quantized activation on `calibration`. */
export async function calibratedTransformerPlan(model: Model, calibration: readonly Feeds[]): Promise<QdqExportPlan> {
  const { result } = fakeQuantized(model);
  const tensors = result.activations.map((a) => a.tensor);
  const values = await collectTensors(model, tensors, calibration);
  const scheme = { bits: 8, signed: false, symmetric: false };
  const parameters = new Map(tensors.map((tensor) => {
    const observer = new MinMaxObserver();
    for (const batch of values.get(tensor)!) {
      let low = Infinity;
      let high = -Infinity;
      for (const v of batch) {
        if (v < low) low = v;
        if (v > high) high = v;
      }
      observer.observeMinMax(low, high);
    }
    return [tensor, observer.quantizationParameters(scheme)] as const;
  }));
  return buildExportPlan(result.weights, result.activations, parameters, result.shared);
}
