/**
 * Does the INT8 model compute what its fake-quant model computes on this CPU, with 8-bit
 * weights in the full range [−127, 127] and in the reduced range [−63, 63]?
 * `node --import tsx bench/weightRange.ts`. On x86 CPUs without VNNI, ONNX Runtime's uint8 ×
 * int8 kernels add pairs of products in 16 bits, which saturate with full-range weights
 * (docs/quantization.md, `weights.reduceRange`); on VNNI and ARM CPUs both agree.
 * The MNIST MLP and CNN with seeded random weights, min-max ranges from 64 random inputs,
 * compared on 1,000 others: how often the predicted classes agree, and the largest logit gap.
 */
import * as ort from 'onnxruntime-node';
import { effectiveQuantization } from '../engine/config/effectiveSections.ts';
import { MNIST_CNN, MNIST_MLP } from '../engine/models/mnistModels.ts';
import { buildSequentialModel } from '../engine/models/sequentialBuilder.ts';
import type { Model } from '../engine/onnx/ir.ts';
import { calibratedExportPlan } from '../engine/quantization/calibratedExportPlan.ts';
import { buildFakeQuantReferenceModel } from '../engine/quantization/exportFakeQuantReference.ts';
import { exportQdqModel } from '../engine/quantization/exportQdq.ts';
import { createSession } from '../engine/runtime/session.ts';
import { randomUniformBatch } from '../engine/models/syntheticBatches.ts';

async function logits(model: Model, feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
  const session = await createSession(model);
  const result = await session.run(feeds);
  await session.release();
  return result[session.outputNames[0]!]!.data as Float32Array;
}

function predictions(values: Float32Array, classes: number): number[] {
  return Array.from({ length: values.length / classes }, (_, row) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (values[row * classes + c]! > values[row * classes + best]!) best = c;
    return best;
  });
}

async function main(): Promise<void> {
  console.log('| model | weights | classes agree | max |Δlogit| |');
  console.log('| --- | --- | --- | --- |');
  for (const spec of [MNIST_MLP, MNIST_CNN]) {
    for (const reduceRange of [false, true]) {
      const model = buildSequentialModel(spec);
      const quantization = effectiveQuantization({ weights: { reduceRange } }, 'bench/weightRange.ts');
      const plan = await calibratedExportPlan(model, [randomUniformBatch(64, spec.inputShape, 11)], quantization);
      const feeds = randomUniformBatch(1000, spec.inputShape, 12);
      const reference = await logits(buildFakeQuantReferenceModel(model, plan), feeds);
      const int8 = await logits(exportQdqModel(model, plan), feeds);
      const a = predictions(reference, 10);
      const b = predictions(int8, 10);
      let gap = 0;
      for (let i = 0; i < int8.length; i++) gap = Math.max(gap, Math.abs(int8[i]! - reference[i]!));
      const agreement = a.filter((c, i) => c === b[i]).length / a.length;
      console.log(`| ${spec.name} | ${reduceRange ? '[−63, 63]' : '[−127, 127]'} | ${(100 * agreement).toFixed(1)} % | ${gap.toExponential(1)} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
