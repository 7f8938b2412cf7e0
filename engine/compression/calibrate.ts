/**
 * Calibration: runs the float student over a few batches and feeds each quantized
 * activation's observer, so training (and the PTQ baseline) starts from measured
 * ranges instead of defaults.
 */
import type { Batch } from '../data/batches.ts';
import { attr, GraphBuilder, makeValueInfo } from '../onnx/builder.ts';
import { DataType } from '../onnx/dataType.ts';
import { cloneModel } from '../onnx/cloneModel.ts';
import { createSession, tensorFloats } from '../runtime/session.ts';
import { batchFeeds } from '../runtime/inputFeeds.ts';
import type { CompressionSession } from './compressionSession.ts';
import type { ObservedActivation } from './activationRanges.ts';

/** Calibrates every quantized activation, or only those given (observers a checkpoint did not have). */
export async function calibrateSession(session: CompressionSession, batches: Iterable<Batch>, batchCount: number, activations: readonly ObservedActivation[] = session.ranges.activations): Promise<number> {
  if (activations.length === 0) return 0;
  const model = cloneModel(session.currentStudent());
  const builder = new GraphBuilder(model.graph, 'calibrate');
  const wantsValues = activations.filter((a) => a.observer.observeValues);
  const outputs = activations.map((a) => ({
    activation: a,
    min: builder.op('ReduceMin', [a.tensor], { keepdims: attr.int(0) }),
    max: builder.op('ReduceMax', [a.tensor], { keepdims: attr.int(0) }),
  }));
  model.graph.outputs = [
    ...outputs.flatMap((o) => [makeValueInfo(o.min, DataType.FLOAT, []), makeValueInfo(o.max, DataType.FLOAT, [])]),
    ...wantsValues.map((a) => makeValueInfo(a.tensor, DataType.FLOAT)),
  ];
  const ort = await createSession(model, { threads: session.setup.threads });
  let used = 0;
  for (const batch of batches) {
    if (used >= batchCount) break;
    const results = await ort.run(batchFeeds(session.setup.student.inputNames, batch.inputs, batch.size));
    for (const o of outputs) o.activation.observer.observeMinMax(tensorFloats(results[o.min])[0]!, tensorFloats(results[o.max])[0]!);
    for (const a of wantsValues) a.observer.observeValues!(tensorFloats(results[a.tensor], a.tensor));
    used += 1;
  }
  await ort.release();
  session.ranges.refresh(activations);
  return used;
}
