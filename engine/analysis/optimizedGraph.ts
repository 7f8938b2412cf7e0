/**
 * What ONNX Runtime made of an INT8 QDQ model: read from the graph it saves after its
 * optimizations (`optimizedModelFilePath`), which integer kernels it fused, and what is
 * left in float between them. Used to check and explain an export's speed.
 */
import type { Model, Node } from '../onnx/ir.ts';

/** ONNX Runtime's CPU kernels that compute on quantized integers. */
export const INTEGER_KERNELS = new Set([
  'QLinearConv', 'QGemm', 'QLinearMatMul', 'MatMulIntegerToFloat', 'ConvInteger', 'MatMulInteger', 'DynamicQuantizeMatMul',
  'QLinearAdd', 'QLinearMul', 'QLinearConcat', 'QLinearAveragePool', 'QLinearGlobalAveragePool', 'QLinearSigmoid',
  'QLinearLeakyRelu', 'QLinearSoftmax', 'QLinearWhere',
]);
/** Float kernels that an INT8 model should not have where a layer was quantized. */
export const FLOAT_LINEAR_KERNELS = new Set(['Conv', 'FusedConv', 'NhwcFusedConv', 'Gemm', 'FusedGemm', 'MatMul', 'FusedMatMul']);
const DATA_MOVEMENT = new Set(['QuantizeLinear', 'DequantizeLinear', 'Transpose', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'MaxPool', 'NhwcMaxPool', 'Identity', 'Shape', 'Gather', 'Slice', 'Concat']);

export interface OptimizedGraphSummary {
  /** Nodes running integer kernels. */
  integerOps: number;
  /** Float Conv/Gemm/MatMul nodes left, by name. */
  floatLinear: Node[];
  /** QuantizeLinear → DequantizeLinear round trips from one integer kernel to another. */
  requantizePairs: number;
  transposes: number;
  /** Other ops that compute in float, as "Op×count". */
  otherFloatOps: string[];
  describe(): string;
}

export function summarizeOptimizedGraph(model: Model): OptimizedGraphSummary {
  const nodes = model.graph.nodes;
  const producers = new Map<string, Node>();
  const readers = new Map<string, Node[]>();
  for (const node of nodes) {
    for (const output of node.outputs) producers.set(output, node);
    for (const input of node.inputs) readers.set(input, [...(readers.get(input) ?? []), node]);
  }
  const isInteger = (node: Node | undefined): boolean => node !== undefined && (INTEGER_KERNELS.has(node.opType) || node.opType === 'MaxPool' || node.opType === 'NhwcMaxPool');
  let requantizePairs = 0;
  for (const q of nodes.filter((n) => n.opType === 'QuantizeLinear')) {
    if (!isInteger(producers.get(q.inputs[0] ?? ''))) continue;
    for (const dq of readers.get(q.outputs[0] ?? '') ?? []) {
      if (dq.opType === 'DequantizeLinear' && (readers.get(dq.outputs[0] ?? '') ?? []).some(isInteger)) requantizePairs += 1;
    }
  }
  const counts = new Map<string, number>();
  for (const node of nodes) {
    if (INTEGER_KERNELS.has(node.opType) || FLOAT_LINEAR_KERNELS.has(node.opType) || DATA_MOVEMENT.has(node.opType)) continue;
    counts.set(node.opType, (counts.get(node.opType) ?? 0) + 1);
  }
  const integerOps = nodes.filter((n) => INTEGER_KERNELS.has(n.opType)).length;
  const floatLinear = nodes.filter((n) => FLOAT_LINEAR_KERNELS.has(n.opType));
  const transposes = nodes.filter((n) => n.opType === 'Transpose').length;
  const otherFloatOps = [...counts].map(([op, count]) => `${op}×${count}`);
  return {
    integerOps,
    floatLinear,
    requantizePairs,
    transposes,
    otherFloatOps,
    describe: () => `${integerOps} integer ops, ${floatLinear.length} float Conv/Gemm/MatMul, ${requantizePairs} Q→DQ between integer ops, ${transposes} Transposes${otherFloatOps.length > 0 ? `, float: ${otherFloatOps.join(' ')}` : ''}`,
  };
}
