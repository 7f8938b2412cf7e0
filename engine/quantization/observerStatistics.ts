/**
 * Per-batch statistics for the observers, computed inside a graph: one ReduceMin and one
 * ReduceMax (all axes, keepdims 0) per observed activation, so a step returns two scalars per
 * tensor instead of the tensor itself.
 */
import { attr, GraphBuilder, makeValueInfo } from '../onnx/builder.ts';
import { isFloatType } from '../onnx/dataType.ts';
import type { Model } from '../onnx/ir.ts';
import { defaultOpset } from '../onnx/ir.ts';
import { inferShapes } from '../onnx/shapeInference.ts';

export interface RangeStatisticOutputs {
  /** The observed activation. */
  tensor: string;
  /** Scalar outputs holding the batch's min and max of it. */
  min: string;
  max: string;
}

export interface RangeStatisticOptions {
  /** Also declare the statistics as graph outputs (default false: the trainer adds its own outputs). */
  addGraphOutputs?: boolean;
}

/** Appends the statistics nodes to `model` (in place); returns their outputs, in the order of `tensors`. */
export function appendRangeStatistics(model: Model, tensors: readonly string[], options: RangeStatisticOptions = {}): RangeStatisticOutputs[] {
  const graph = model.graph;
  const shapes = inferShapes(graph, defaultOpset(model));
  const builder = new GraphBuilder(graph, 'observe');
  return tensors.map((tensor) => {
    const info = shapes.get(tensor);
    if (!info) throw new Error(`cannot observe '${tensor}': no tensor of model '${graph.name}' has that name`);
    if (!isFloatType(info.dataType)) throw new Error(`cannot observe '${tensor}': it is not a floating-point tensor`);
    const min = builder.op('ReduceMin', [tensor], { keepdims: attr.int(0) });
    const max = builder.op('ReduceMax', [tensor], { keepdims: attr.int(0) });
    if (options.addGraphOutputs) graph.outputs.push(makeValueInfo(min, info.dataType, []), makeValueInfo(max, info.dataType, []));
    return { tensor, min, max };
  });
}
