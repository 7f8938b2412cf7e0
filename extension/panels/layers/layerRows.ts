/**
 * The layers panel's rows and detail, from the per-layer error reports (PTQ and,
 * after training, final). No `vscode` here: unit-tested in Node.
 */
import type { LayerError, LayerErrorReport } from '../../../contracts/layerErrorReport.ts';
import type { MetricsRecord } from '../../../contracts/metricsRecord.ts';
import type { HistogramView, LayerDetail, LayerRow } from '../../../webview/protocol.ts';
import { findNodeAtLocation } from 'jsonc-parser';
import { parseConfigTree, stringAt } from '../../configAuthoring/configTree.ts';
import { smoothValues } from '../dashboard/lossSmoothing.ts';

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/** One row per layer of the latest report, with its transformer role when the report has one. */
export function layerRows(ptq: LayerErrorReport | null, final: LayerErrorReport | null, mappedTensors: ReadonlySet<string>): LayerRow[] {
  const latest = final ?? ptq;
  if (!latest) return [];
  const ptqByNode = new Map((ptq?.layers ?? []).map((l) => [l.node, l]));
  return latest.layers.map((layer, index) => {
    const activation = layer.activation;
    const before = finite(ptqByNode.get(layer.node)?.activation?.accumulated.sqnrDb);
    const after = final ? finite(activation?.accumulated.sqnrDb) : null;
    return {
      index,
      node: layer.node,
      opType: layer.opType,
      ...(layer.role === undefined ? {} : { role: layer.role }),
      precision: layer.precision ?? null,
      activationTensor: activation?.tensor ?? null,
      sqnrDb: finite(activation?.quantization.sqnrDb),
      accumulatedSqnrDb: finite(activation?.accumulated.sqnrDb),
      mse: finite(activation?.quantization.mse),
      cosine: finite(activation?.quantization.cosineSimilarity),
      maxAbsError: finite(activation?.quantization.maxAbsError),
      weightSqnrDb: finite(layer.weight?.metrics.sqnrDb),
      scale: finite(activation?.scale),
      zeroPoint: finite(activation?.zeroPoint),
      ptqSqnrDb: before,
      finalSqnrDb: after,
      improvementDb: before !== null && after !== null ? after - before : null,
      hasMappingLoss: activation !== null && mappedTensors.has(activation.tensor),
    };
  });
}

function histogramView(label: string, histogram: { edges: number[]; float: number[]; dequantized: number[] }): HistogramView {
  const centers = histogram.float.map((_, i) => (histogram.edges[i]! + histogram.edges[i + 1]!) / 2);
  return { label, centers, float: histogram.float, dequantized: histogram.dequantized };
}

/** The student tensors of the config's layer mappings. */
export function mappedStudentTensors(configText: string | undefined): Set<string> {
  const tensors = new Set<string>();
  if (configText === undefined) return tensors;
  const { root } = parseConfigTree(configText);
  const mappings = root && findNodeAtLocation(root, ['distillation', 'layerMappings']);
  for (const mapping of mappings?.type === 'array' ? (mappings.children ?? []) : []) {
    const student = stringAt(mapping, ['student']);
    if (student !== undefined) tensors.add(student);
  }
  return tensors;
}

/** The loss component the engine logs for a mapping whose student tensor is `tensor`: `layer T`, or `layer T (teacher)` when shared. */
function isMappingComponent(name: string, tensor: string): boolean {
  return name === `layer ${tensor}` || name.startsWith(`layer ${tensor} (`);
}

export function layerDetail(layer: LayerError, records: readonly MetricsRecord[], mappedTensors: ReadonlySet<string>, smoothing: number): LayerDetail {
  const histograms: HistogramView[] = [];
  if (layer.activation) histograms.push(histogramView(`Activation input ${layer.activation.tensor}`, layer.activation.histogram));
  if (layer.weight) histograms.push(histogramView(`Weight ${layer.weight.tensor}`, layer.weight.histogram));
  let mappingLoss: LayerDetail['mappingLoss'] = null;
  const tensor = layer.activation?.tensor;
  if (tensor !== undefined && mappedTensors.has(tensor)) {
    const steps: number[] = [];
    const raw: (number | null)[] = [];
    let label = `layer ${tensor}`;
    for (const record of records) {
      if (record.type !== 'step') continue;
      const name = Object.keys(record.losses).find((n) => isMappingComponent(n, tensor));
      if (name === undefined) continue;
      label = name;
      steps.push(record.globalStep);
      raw.push(record.losses[name]!);
    }
    mappingLoss = { label, steps, values: smoothValues(raw, smoothing) };
  }
  return { node: layer.node, histograms, mappingLoss };
}
