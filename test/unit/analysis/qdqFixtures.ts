/** Test models, inputs and QAT plans for the export and error-analysis tests. */
import { calibratedExportPlan } from '../../../engine/quantization/calibratedExportPlan.ts';
import type { QuantizationConfig, QuantizationSettings } from '../../../engine/config/distqConfig.ts';
import { effectiveQuantization } from '../../../engine/config/effectiveSections.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { getInt } from '../../../engine/onnx/builder.ts';
import { randomUniformBatch } from '../../../engine/models/syntheticBatches.ts';
import { integerRange, scaleAndZeroPoint } from '../../../engine/quantization/scheme.ts';
import type { QdqExportPlan } from '../../../engine/quantization/exportPlan.ts';
import { collectTensors, type Feeds } from '../../../engine/analysis/collectTensors.ts';

/** Uniform [0, 1) images shaped [batch, ...exampleShape] under the name 'input'. */
export function randomBatch(batch: number, exampleShape: readonly number[], seed: number): Feeds {
  return randomUniformBatch(batch, exampleShape, seed);
}

/**
 * A plan quantizing every Conv/Gemm of a sequential model: weights symmetric per
 * channel, activation inputs asymmetric per tensor with min/max ranges observed on
 * `calibration` (as an observer would leave them after QAT).
 */
export async function planFromCalibration(model: Model, calibration: readonly Feeds[], bits = { weights: 8, activations: 8 }): Promise<QdqExportPlan> {
  const weightRange = integerRange({ bits: bits.weights, signed: true, symmetric: true });
  const activationRange = integerRange({ bits: bits.activations, signed: true, symmetric: false });
  const layers = model.graph.nodes.filter((n) => n.opType === 'Conv' || n.opType === 'Gemm');
  const weights = layers.map((n) => ({ tensor: n.inputs[1]!, node: n.name, channelAxis: n.opType === 'Gemm' && getInt(n, 'transB', 0) === 0 ? 1 : 0, ...weightRange }));
  const tensors = [...new Set(layers.map((n) => n.inputs[0]!))];
  const values = await collectTensors(model, tensors, calibration);
  const activations = tensors.map((tensor) => {
    let low = Infinity;
    let high = -Infinity;
    for (const batch of values.get(tensor)!) for (const v of batch) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    const { scale, zeroPoint } = scaleAndZeroPoint(low, high, { bits: bits.activations, signed: true, symmetric: false });
    return { tensor, ...activationRange, consumers: layers.filter((n) => n.inputs[0] === tensor).map((n) => n.name), scale, zeroPoint };
  });
  return { weights, activations };
}

export function argmaxRows(logits: Float32Array, classes: number): number[] {
  const rows = logits.length / classes;
  return Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
    return best;
  });
}

/**
 * The plan DistQ's own placement gives (integer ops, outputs quantized, pass-through ops on
 * their input's grid) with the config's default schemes (reduced-range weights, uint8
 * activations), from min-max ranges over `calibration`.
 */
export async function placedPlanFromCalibration(model: Model, calibration: readonly Feeds[], bits = { weights: 8, activations: 8 }): Promise<QdqExportPlan> {
  return calibratedExportPlan(model, calibration, quantizationConfig({ weights: { bits: bits.weights }, activations: { bits: bits.activations } }));
}

/** The config's quantization section with `settings` over its defaults. */
export function quantizationConfig(settings: QuantizationSettings = {}): QuantizationConfig {
  return effectiveQuantization(settings, 'test settings');
}
