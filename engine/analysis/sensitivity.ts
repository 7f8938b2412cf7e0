/**
 * Per-layer sensitivity to quantization, measured as AIMET's quant analyzer measures it: for each
 * quantized layer, the accuracy with only that layer quantized and with only that layer kept in
 * float, each a fake-quantized model built from the float model and a restricted QDQ plan. Beside
 * them the cheap proxies (SQNR from the layers report, ModelOpt's output-error × gradient score) and
 * each proxy's rank correlation with the measured impact.
 */
import type { Model } from '../onnx/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { subsetDataset, takeFirst } from '../data/dataset.ts';
import type { QdqExportPlan } from '../quantization/exportPlan.ts';
import { buildFakeQuantReferenceModel } from '../quantization/exportFakeQuantReference.ts';
import type { LayerError } from '../../contracts/layerErrorReport.ts';
import { SENSITIVITY_PROXIES, type LayerSensitivity, type ProxyRankCorrelation, type SensitivityProxy, type SensitivityReport } from '../../contracts/sensitivityReport.ts';
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { placementExcluding, planForNodes, planForPlacement } from './partialPlan.ts';
import { OutputGradientProbe } from './outputGradient.ts';
import { evaluateVariant, type VariantEvaluation, type VariantResult } from './variantAccuracy.ts';
import { evenlySpacedIndices, examplesWithinBudget } from './sensitivityBudget.ts';
import { spearmanCorrelation } from './rankCorrelation.ts';

/** Examples the output-gradient proxy is computed on at most (the first evaluated ones). */
const GRADIENT_EXAMPLES = 256;

/** Examples the first layer is measured on, to learn what a layer costs before the budget is planned. */
const PROBE_EXAMPLES = 200;

export class SensitivityCancelledError extends Error {}

export interface SensitivityInputs extends VariantEvaluation {
  /** The student in float, with the weights to analyse. */
  floatModel: Model;
  /** Every quantizer with its calibrated (or trained) range. */
  plan: QdqExportPlan;
  /** How the plan was placed: a layer is kept in float as adding it to `exclude` would keep it. */
  quantization: Pick<QuantizationConfig, 'opTypes' | 'exclude'>;
  /** The layers report of the same model and plan: its layers are the ones analysed. */
  layers: readonly LayerError[];
  test: Dataset;
}

export interface SensitivityOptions {
  /** From the call on; layers that would end after it are left unmeasured. */
  timeBudgetSeconds?: number;
  /** Checked between evaluations; true stops the analysis with SensitivityCancelledError. */
  shouldStop?: () => boolean;
  /** After each layer: how many are done, and a line about the layer. */
  onLayer?: (done: number, total: number, line: string) => void;
  log?: (line: string) => void;
}

export type SensitivityMeasurement = Pick<SensitivityReport, 'evaluation' | 'accuracy' | 'layers' | 'unmeasuredLayers' | 'correlations'>;

export async function measureSensitivity(inputs: SensitivityInputs, options: SensitivityOptions = {}): Promise<SensitivityMeasurement> {
  const now = (): number => performance.now();
  const started = now();
  const elapsedSeconds = (): number => (now() - started) / 1000;
  const checkStop = (): void => {
    if (options.shouldStop?.()) throw new SensitivityCancelledError('sensitivity analysis stopped; the previous sensitivity file, if any, is unchanged');
  };
  const variantOf = (keeps: (node: string) => boolean): Model => buildFakeQuantReferenceModel(inputs.floatModel, planForNodes(inputs.floatModel, inputs.plan, keeps));
  const placeExcluding = placementExcluding(inputs.floatModel, inputs.quantization);
  const keptInFloat = (node: string): Model => buildFakeQuantReferenceModel(inputs.floatModel, planForPlacement(inputs.floatModel, inputs.plan, placeExcluding(node)));

  const gradientExamples = (data: Dataset): number => Math.min(GRADIENT_EXAMPLES, data.count);
  const outputs = inputs.layers.map((layer) => layerOutput(inputs.floatModel, layer.node));
  const probe = await OutputGradientProbe.create(inputs.floatModel, inputs.logits, outputs, inputs.test.classCount, inputs.threads);
  /** Accuracy with only the layer quantized (and its output-gradient score), then with only the layer in float. */
  const measureLayer = async (index: number, data: Dataset): Promise<{ alone: VariantResult; keptFloat: VariantResult }> => {
    const layer = inputs.layers[index]!;
    const output = outputs[index]!;
    const scored = probe.hasGradient(output) ? { tensor: output, examples: gradientExamples(data), probe } : undefined;
    const alone = await evaluateVariant(variantOf((node) => node === layer.node), data, inputs, scored);
    checkStop();
    return { alone, keptFloat: await evaluateVariant(keptInFloat(layer.node), data, inputs) };
  };
  const measured: LayerSensitivity[] = [];
  const unmeasured: LayerSensitivity[] = [];
  try {
    // Under a time budget, the first layer measured on a few examples plans how many examples every layer gets.
    const probeData = takeFirst(inputs.test, PROBE_EXAMPLES);
    const probeStarted = now();
    if (options.timeBudgetSeconds !== undefined && inputs.layers.length > 0) await measureLayer(0, probeData);
    const probeSeconds = (now() - probeStarted) / 1000;
    const budgetLeft = options.timeBudgetSeconds === undefined ? undefined : Math.max(0, options.timeBudgetSeconds - elapsedSeconds());
    // Half of the probe's time is taken as fixed, half as the examples': a rough split is enough to plan.
    const cost = { secondsFixed: probeSeconds / 2, secondsPerExample: probeSeconds / 2 / Math.max(1, probeData.count) };
    // Every layer, plus the float and the fully quantized model (about one layer's work).
    const size = examplesWithinBudget(inputs.test.count, inputs.layers.length + 1, budgetLeft, cost);
    const test = size.examples === inputs.test.count ? inputs.test : subsetDataset(inputs.test, evenlySpacedIndices(inputs.test.count, size.examples));
    if (size.limited) options.log?.(`time budget: evaluating on ${test.count} of ${inputs.test.count} test examples`);

    checkStop();
    const floatAccuracy = (await evaluateVariant(inputs.floatModel, test, inputs)).accuracy;
    checkStop();
    const allQuantized = (await evaluateVariant(variantOf(() => true), test, inputs)).accuracy;
    // A layer is started only when it should end within the budget: the last layer's time, or the plan's estimate before the first.
    let secondsPerLayer = cost.secondsFixed + cost.secondsPerExample * test.count;
    for (const [index, layer] of inputs.layers.entries()) {
      checkStop();
      const layerStarted = now();
      if (options.timeBudgetSeconds !== undefined && elapsedSeconds() + secondsPerLayer > options.timeBudgetSeconds) {
        unmeasured.push(...inputs.layers.slice(index).map((rest) => layerEntry(rest, null, null, null, floatAccuracy, allQuantized)));
        options.log?.(`time budget: ${inputs.layers.length - index} of ${inputs.layers.length} layers left unmeasured`);
        break;
      }
      const { alone, keptFloat } = await measureLayer(index, test);
      measured.push(layerEntry(layer, alone.accuracy, keptFloat.accuracy, alone.outputGradientScore ?? null, floatAccuracy, allQuantized));
      secondsPerLayer = (now() - layerStarted) / 1000;
      options.onLayer?.(index + 1, inputs.layers.length, `${layer.node} (${layer.opType}): only it quantized ${percent(alone.accuracy)}, only it float ${percent(keptFloat.accuracy)}`);
    }
    measured.sort((a, b) => b.impactPp! - a.impactPp!);
    return {
      evaluation: { examples: test.count, datasetExamples: inputs.test.count, gradientExamples: gradientExamples(test), limitedByTimeBudget: size.limited || unmeasured.length > 0 },
      accuracy: { float: floatAccuracy, allQuantized },
      layers: [...measured, ...unmeasured],
      unmeasuredLayers: unmeasured.map((layer) => layer.node),
      correlations: proxyCorrelations(measured),
    };
  } finally {
    await probe.release();
  }
}

/** How well each proxy orders the measured layers (see ProxyRankCorrelation). */
export function proxyCorrelations(measured: readonly LayerSensitivity[]): ProxyRankCorrelation[] {
  return (Object.keys(SENSITIVITY_PROXIES) as SensitivityProxy[]).map((proxy) => {
    const values = measured.map((layer) => layer.proxies[proxy]);
    return {
      proxy,
      againstImpact: spearmanCorrelation(values, measured.map((layer) => layer.impactPp)),
      // A lower accuracy with only the layer quantized, or a higher one with only the layer float, is more impact.
      againstOnlyQuantized: spearmanCorrelation(values, measured.map((layer) => (layer.onlyQuantized === null ? null : -layer.onlyQuantized))),
      againstOnlyFloat: spearmanCorrelation(values, measured.map((layer) => layer.onlyFloat)),
    };
  });
}

function layerEntry(layer: LayerError, onlyQuantized: number | null, onlyFloat: number | null, outputGradient: number | null, floatAccuracy: number, allQuantized: number): LayerSensitivity {
  const impactPp = onlyQuantized === null || onlyFloat === null ? null : (100 * ((floatAccuracy - onlyQuantized) + (onlyFloat - allQuantized))) / 2;
  return {
    node: layer.node,
    opType: layer.opType,
    ...(layer.role === undefined ? {} : { role: layer.role }),
    onlyQuantized,
    onlyFloat,
    impactPp,
    proxies: { ...sqnrProxies(layer), outputGradient },
  };
}

/** The SQNR proxies, negated so that larger means more sensitive like the other proxies. */
export function sqnrProxies(layer: LayerError): Pick<LayerSensitivity['proxies'], 'ownSqnr' | 'accumulatedSqnr'> {
  const activations = [layer.activation, layer.secondActivation].filter((a) => a !== null && a !== undefined);
  const own = [...activations.map((a) => a.quantization.sqnrDb), ...(layer.weight ? [layer.weight.metrics.sqnrDb] : [])];
  const accumulated = activations.map((a) => a.accumulated.sqnrDb);
  return {
    ownSqnr: own.length === 0 ? null : -Math.min(...own),
    accumulatedSqnr: accumulated.length === 0 ? null : -Math.min(...accumulated),
  };
}

function layerOutput(model: Model, node: string): string {
  const output = model.graph.nodes.find((n) => n.name === node)?.outputs[0];
  if (!output) throw new Error(`layer '${node}' is not a node of the model`);
  return output;
}

function percent(accuracy: number): string {
  return `${(100 * accuracy).toFixed(2)} %`;
}
