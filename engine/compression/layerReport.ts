/** Per-layer quantization error of the session's student with its current weights and ranges. */
import type { Dataset } from '../data/dataset.ts';
import { computeLayerErrors } from '../analysis/layerErrors.ts';
import type { LayerErrorReport } from '../../contracts/layerErrorReport.ts';
import { layerPrecisionLabel } from '../../contracts/quantizationScheme.ts';
import { effectiveLayerQuantization } from '../config/effectiveSections.ts';
import { datasetFeeds } from '../runtime/inputFeeds.ts';
import type { CompressionSession } from './compressionSession.ts';

/** Uses the first `examples` of the dataset, in batches of at most 250. */
export async function layerErrorsOf(session: CompressionSession, dataset: Dataset, examples = 500): Promise<LayerErrorReport> {
  const count = Math.min(examples, dataset.count);
  const batches = [];
  for (let start = 0; start < count; start += 250) {
    const n = Math.min(250, count - start);
    batches.push(datasetFeeds(session.setup.student.inputNames, dataset, start, n));
  }
  const quantization = session.setup.quantization;
  const precisionOf = (node: string, quantized: { weight: boolean; activation: boolean }): string => {
    const layer = effectiveLayerQuantization(quantization, node);
    return layerPrecisionLabel(layer && quantized.weight ? layer.weights.bits : undefined, layer && quantized.activation ? layer.activations.bits : undefined);
  };
  return computeLayerErrors(session.currentStudent(), session.exportPlan(), batches, { threads: session.setup.threads, precisionOf });
}
