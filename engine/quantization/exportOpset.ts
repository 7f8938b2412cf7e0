/**
 * The opset of an INT8 QDQ export: the model's, but at most 21. onnxruntime-node 1.23 runs models
 * of opset 22 and 23, yet has no CPU kernel for QuantizeLinear-23, and at opset 22 it leaves a
 * MaxPool between Q/DQ pairs in float, where at 21 it runs it on the integers. Moving the import
 * down keeps the model's meaning: from 21 to 23 the ops DistQ reads changed only by new element
 * types (bfloat16 at 22, float4e2m1 at 23) and by two opset-23 attributes whose defaults compute
 * what opset 21 did, DequantizeLinear's `output_dtype` and QuantizeLinear's `precision`. A node
 * that sets either, or casts to float4e2m1, has no opset-21 form and stops the export.
 */
import { getInt } from '../onnx/builder.ts';
import type { Graph, Model } from '../onnx/ir.ts';

/** The newest opset at which the installed onnxruntime-node runs and fuses every Q/DQ pattern DistQ writes. */
export const NEWEST_EXPORT_OPSET = 21;

/** TensorProto.FLOAT4E2M1, an element type from opset 23. */
const FLOAT4E2M1 = 23;

export class ExportOpsetError extends Error {}

function firstNodeNewerThanExportOpset(graph: Graph): string | undefined {
  for (const node of graph.nodes) {
    const label = `node '${node.name || node.outputs[0]}' (${node.opType})`;
    if (node.opType === 'DequantizeLinear' && getInt(node, 'output_dtype', 0) !== 0) return `${label} sets output_dtype`;
    if (node.opType === 'QuantizeLinear' && getInt(node, 'precision', 0) !== 0) return `${label} sets precision`;
    if (node.opType === 'Cast' && getInt(node, 'to', 0) === FLOAT4E2M1) return `${label} casts to float4e2m1`;
    for (const value of node.attributes.values()) {
      const inner = value.kind === 'graph' ? firstNodeNewerThanExportOpset(value.value) : undefined;
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Moves, in place, a model's default-domain import down to NEWEST_EXPORT_OPSET when it is newer. */
export function settleExportOpset(model: Model): void {
  const entry = model.opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!entry || entry.version <= NEWEST_EXPORT_OPSET) return;
  const blocker = firstNodeNewerThanExportOpset(model.graph);
  if (blocker) throw new ExportOpsetError(`the INT8 export of an opset ${entry.version} model is written at opset ${NEWEST_EXPORT_OPSET}, the newest whose Q/DQ ONNX Runtime runs on integer kernels, but ${blocker}, which opset ${NEWEST_EXPORT_OPSET} cannot express`);
  entry.version = NEWEST_EXPORT_OPSET;
}
