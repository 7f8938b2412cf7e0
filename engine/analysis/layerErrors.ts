/**
 * Per-layer quantization error of a QAT plan, in the manner of ONNX Runtime's
 * qdq_loss_debug: for each quantized layer (in graph order), its activation input
 * compared two ways and its weight compared with the dequantized weight.
 *   - activation, quantization: x vs DQ(Q(x)) with the activation's own scale and zero
 *     point, x from the float model (the error this quantizer adds by itself);
 *   - activation, accumulated: the float model's x vs the QDQ model's DequantizeLinear
 *     output for x (everything quantized upstream included);
 *   - weight: W vs q · s per channel.
 */
import type { Model } from '../onnx/ir.ts';
import { exportQdqModel } from '../quantization/exportQdq.ts';
import { QUANTIZABLE_OP_TYPES } from '../quantization/placement.ts';
import { activationReads, qdqTensorNames, type QdqActivationPlan, type QdqExportPlan, type QdqWeightPlan } from '../quantization/exportPlan.ts';
import { dequantizeWeight, quantizeWeightPerChannel } from '../quantization/exportWeights.ts';
import { collectTensors, type Feeds } from './collectTensors.ts';
import { errorMetrics, fakeQuantizeValues, valueHistograms } from './errorMetrics.ts';
import type { ActivationLayerError, LayerError, LayerErrorReport, WeightLayerError } from '../../contracts/layerErrorReport.ts';
import { layerRoles } from './layerRoles.ts';

export interface LayerErrorOptions {
  /** Histogram bins (default 64). */
  bins?: number;
  threads?: number;
  /** The precision label of a layer (`W4A8`) given whether its weight and its input are quantized. */
  precisionOf?: (node: string, quantized: { weight: boolean; activation: boolean }) => string;
}

export async function computeLayerErrors(floatModel: Model, plan: QdqExportPlan, batches: readonly Feeds[], options: LayerErrorOptions = {}): Promise<LayerErrorReport> {
  const bins = options.bins ?? 64;
  const activationTensors = plan.activations.map((a) => a.tensor);
  const floatValues = await collectTensors(floatModel, activationTensors, batches, options);
  const qdqModel = exportQdqModel(floatModel, plan);
  const dequantizedNames = activationTensors.map((t) => qdqTensorNames(t).dequantized);
  const qdqValues = await collectTensors(qdqModel, dequantizedNames, batches, options);

  const activationErrors = new Map<string, ActivationLayerError>();
  const activationError = (activation: QdqActivationPlan): ActivationLayerError => {
    const known = activationErrors.get(activation.tensor);
    if (known) return known;
    const x = floatValues.get(activation.tensor)!;
    const fakeQuantized = x.map((values) => fakeQuantizeValues(values, activation.scale, activation.zeroPoint, activation.qmin, activation.qmax));
    const error: ActivationLayerError = {
      tensor: activation.tensor,
      scale: activation.scale,
      zeroPoint: activation.zeroPoint,
      qmin: activation.qmin,
      qmax: activation.qmax,
      quantization: errorMetrics(x, fakeQuantized),
      accumulated: errorMetrics(x, qdqValues.get(qdqTensorNames(activation.tensor).dequantized)!),
      histogram: valueHistograms(x, fakeQuantized, bins),
    };
    activationErrors.set(activation.tensor, error);
    return error;
  };
  const weightError = (weight: QdqWeightPlan): WeightLayerError => {
    const tensor = floatModel.graph.initializers.get(weight.tensor);
    if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`weight '${weight.tensor}' is not a float32 initializer`);
    const quantized = quantizeWeightPerChannel(tensor, weight.channelAxis, weight.qmin, weight.qmax);
    const dequantized = dequantizeWeight(quantized, tensor.dims, weight.channelAxis);
    return {
      tensor: weight.tensor,
      channelAxis: weight.channelAxis,
      scales: Array.from(quantized.scales),
      zeroPoint: 0,
      qmin: weight.qmin,
      qmax: weight.qmax,
      metrics: errorMetrics(tensor.data, dequantized),
      histogram: valueHistograms(tensor.data, dequantized, bins),
    };
  };

  const roles = layerRoles(floatModel.graph);
  const layers: LayerError[] = [];
  for (const node of floatModel.graph.nodes) {
    const readAt = (input: number) => plan.activations.find((a) => activationReads(a).some((r) => r.node === node.name && r.input === input));
    const activation = readAt(0);
    const secondActivation = readAt(1);
    const weight = plan.weights.find((w) => w.node === node.name);
    // Layers are the ops that compute on integers; pass-through ops (MaxPool, Reshape, …) and
    // float readers of a quantized tensor are not layers of their own.
    if ((!activation && !secondActivation && !weight) || !(QUANTIZABLE_OP_TYPES as readonly string[]).includes(node.opType)) continue;
    const role = roles.get(node.name);
    layers.push({
      node: node.name,
      opType: node.opType,
      ...(role === undefined ? {} : { role }),
      activation: activation ? activationError(activation) : null,
      ...(secondActivation ? { secondActivation: activationError(secondActivation) } : {}),
      weight: weight ? weightError(weight) : null,
      ...(options.precisionOf ? { precision: options.precisionOf(node.name, { weight: weight !== undefined, activation: activation !== undefined || secondActivation !== undefined }) } : {}),
    });
  }
  return { bins, batches: batches.length, layers };
}
