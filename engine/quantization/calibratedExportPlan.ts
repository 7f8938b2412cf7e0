/**
 * Post-training quantization of a float model without a training run: the QAT rewrite's
 * placement, min-max ranges over a few calibration batches, and the export plan they give.
 * The bench and the export tests use it to quantize any model on synthetic batches.
 */
import type { Model } from '../onnx/ir.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { collectTensors, type Feeds } from '../analysis/collectTensors.ts';
import { buildExportPlan, type QdqExportPlan } from './exportPlan.ts';
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { findTrainableParameters } from '../training/parameters.ts';
import { fakeQuantOptions } from './fakeQuantOptions.ts';
import { insertFakeQuantization } from './insertFakeQuant.ts';
import { MinMaxObserver } from './observers.ts';
import { floatNodes } from '../config/effectiveSections.ts';
import { withinUpperBound } from './scheme.ts';

/** `model` is the prepared float model (constants and BatchNormalization folded); its trainable initializers are the weights. */
export async function calibratedExportPlan(model: Model, calibration: readonly Feeds[], quantization: QuantizationConfig): Promise<QdqExportPlan> {
  const options = fakeQuantOptions(quantization, new Set(findTrainableParameters(model)));
  const result = insertFakeQuantization(cloneModel(model), options);
  const tensors = result.activations.map((a) => a.tensor);
  const values = await collectTensors(model, tensors, calibration);
  const parameters = new Map(result.activations.map((activation) => {
    const observer = new MinMaxObserver();
    for (const batch of values.get(activation.tensor)!) {
      let low = Infinity;
      let high = -Infinity;
      for (const v of batch) {
        if (v < low) low = v;
        if (v > high) high = v;
      }
      observer.observeMinMax(low, high);
    }
    return [activation.tensor, withinUpperBound(observer.quantizationParameters(activation.scheme), activation)] as const;
  }));
  return buildExportPlan(result.weights, result.activations, parameters, result.shared, floatNodes(quantization));
}
