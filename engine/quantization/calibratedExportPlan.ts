/**
 * Post-training quantization of a float model without a training run: the QAT rewrite's
 * placement, min-max ranges over a few calibration batches, and the export plan they give.
 * The bench and the export tests use it to quantize any model on synthetic batches.
 */
import type { Model } from '../onnx/ir.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { collectTensors, type Feeds } from '../analysis/collectTensors.ts';
import { buildExportPlan, type QdqExportPlan } from './exportPlan.ts';
import { insertFakeQuantization, type FakeQuantOptions } from './insertFakeQuant.ts';
import { MinMaxObserver } from './observers.ts';
import { capScaleToUpperBound } from './scheme.ts';

/** `model` is the prepared float model (constants and BatchNormalization folded). */
export async function calibratedExportPlan(model: Model, calibration: readonly Feeds[], options: FakeQuantOptions): Promise<QdqExportPlan> {
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
    const { scale, zeroPoint } = observer.quantizationParameters(options.activations);
    const capped = activation.upperBound === undefined ? scale : capScaleToUpperBound(scale, zeroPoint, activation.qmax, activation.upperBound);
    return [activation.tensor, { scale: capped, zeroPoint }] as const;
  }));
  return buildExportPlan(result.weights, result.activations, parameters, result.shared);
}
