/**
 * Checks tuning.json and sensitivity.json as the run-folder reader reads them: the shapes are the
 * contracts' (contracts/tuningReport.ts, contracts/sensitivityReport.ts), but a file cut short, foreign
 * or written by an older engine must read as absent (or lose only its malformed entries), never throw
 * inside a panel. No `vscode` here.
 */
import { SENSITIVITY_PROXIES, type LayerSensitivity, type ProxyRankCorrelation, type SensitivityProxy, type SensitivityReport } from '../../contracts/sensitivityReport.ts';
import { TUNING_TRIAL_ACTIONS, type LayerPrecisionSetting, type TuningFile, type TuningTrial } from '../../contracts/tuningReport.ts';
import { isJsonObject } from '../jsonObject.ts';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const numberOrNull = (value: unknown): number | null => (isNumber(value) ? value : null);

function isBits(value: unknown): boolean {
  return value === undefined || (isJsonObject(value) && isNumber(value.bits));
}

function isLayerSetting(value: unknown): value is LayerPrecisionSetting {
  return value === 'float' || (isJsonObject(value) && isBits(value.weights) && isBits(value.activations));
}

function layerSettings(value: unknown): Record<string, LayerPrecisionSetting> | undefined {
  if (!isJsonObject(value)) return undefined;
  const settings: Record<string, LayerPrecisionSetting> = {};
  for (const [node, setting] of Object.entries(value)) {
    if (!isLayerSetting(setting)) return undefined;
    settings[node] = setting;
  }
  return settings;
}

const TRIAL_ACTIONS: readonly string[] = TUNING_TRIAL_ACTIONS;

function parseTrial(value: unknown): TuningTrial | undefined {
  if (!isJsonObject(value) || !isNumber(value.index) || typeof value.action !== 'string' || !TRIAL_ACTIONS.includes(value.action)) return undefined;
  const layers = layerSettings(value.layers);
  const accuracy = value.accuracy;
  if (!layers || !isJsonObject(accuracy) || !isNumber(accuracy.int8) || !isNumber(accuracy.fakeQuant) || typeof value.meets !== 'boolean' || !isNumber(value.sizeBytes)) return undefined;
  return {
    index: value.index,
    action: value.action as TuningTrial['action'],
    ...(typeof value.node === 'string' ? { node: value.node } : {}),
    layers,
    continuedFrom: numberOrNull(value.continuedFrom),
    accuracy: { fakeQuant: accuracy.fakeQuant, int8: accuracy.int8 },
    ...(isNumber(value.fakeQuantBeforeTraining) ? { fakeQuantBeforeTraining: value.fakeQuantBeforeTraining } : {}),
    meets: value.meets,
    sizeBytes: value.sizeBytes,
    latencyMs: numberOrNull(value.latencyMs),
    seconds: isNumber(value.seconds) ? value.seconds : 0,
  };
}

/** tuning.json as the panels rely on it; undefined when it is not one. Malformed trials are left out. */
export function parseTuningFile(value: unknown): TuningFile | undefined {
  if (!isJsonObject(value) || value.kind !== 'tuning' || !Array.isArray(value.trials) || !isNumber(value.minimumAccuracy)) return undefined;
  const reference = value.reference;
  const summary = value.summary;
  if (!isJsonObject(reference) || !isNumber(reference.accuracy) || (reference.model !== 'teacherFp32' && reference.model !== 'studentFp32')) return undefined;
  const maxAccuracyLoss = isJsonObject(value.maxAccuracyLoss) && isNumber(value.maxAccuracyLoss.relative)
    ? { relative: value.maxAccuracyLoss.relative }
    : { absolutePp: isJsonObject(value.maxAccuracyLoss) && isNumber(value.maxAccuracyLoss.absolutePp) ? value.maxAccuracyLoss.absolutePp : 0 };
  const trials = value.trials.flatMap((trial) => parseTrial(trial) ?? []);
  return {
    kind: 'tuning',
    configPath: typeof value.configPath === 'string' ? value.configPath : '',
    reference: { model: reference.model, accuracy: reference.accuracy },
    maxAccuracyLoss,
    minimumAccuracy: value.minimumAccuracy,
    fallback: value.fallback === 'float' ? 'float' : 'int8',
    promotionOrder: Array.isArray(value.promotionOrder) ? value.promotionOrder.filter((node): node is string => typeof node === 'string') : [],
    trials,
    finished: value.finished === true,
    summary: {
      met: isJsonObject(summary) && summary.met === true,
      trials: isJsonObject(summary) && isNumber(summary.trials) ? summary.trials : trials.length,
      chosen: isJsonObject(summary) ? numberOrNull(summary.chosen) : null,
    },
    tunedConfigPath: typeof value.tunedConfigPath === 'string' ? value.tunedConfigPath : null,
  };
}

const PROXIES = Object.keys(SENSITIVITY_PROXIES) as SensitivityProxy[];

function parseLayerSensitivity(value: unknown): LayerSensitivity | undefined {
  if (!isJsonObject(value) || typeof value.node !== 'string' || typeof value.opType !== 'string') return undefined;
  const proxies = isJsonObject(value.proxies) ? value.proxies : {};
  return {
    node: value.node,
    opType: value.opType,
    ...(typeof value.role === 'string' ? { role: value.role } : {}),
    onlyQuantized: numberOrNull(value.onlyQuantized),
    onlyFloat: numberOrNull(value.onlyFloat),
    impactPp: numberOrNull(value.impactPp),
    proxies: Object.fromEntries(PROXIES.map((proxy) => [proxy, numberOrNull(proxies[proxy])])) as Record<SensitivityProxy, number | null>,
  };
}

function parseCorrelation(value: unknown): ProxyRankCorrelation | undefined {
  if (!isJsonObject(value) || !PROXIES.includes(value.proxy as SensitivityProxy)) return undefined;
  return {
    proxy: value.proxy as SensitivityProxy,
    againstImpact: numberOrNull(value.againstImpact),
    againstOnlyQuantized: numberOrNull(value.againstOnlyQuantized),
    againstOnlyFloat: numberOrNull(value.againstOnlyFloat),
  };
}

/** sensitivity.json as the layers panel relies on it; undefined when it is not one. Malformed layers are left out. */
export function parseSensitivityReport(value: unknown): SensitivityReport | undefined {
  if (!isJsonObject(value) || value.kind !== 'sensitivity' || !Array.isArray(value.layers) || !isJsonObject(value.accuracy)) return undefined;
  const { accuracy, evaluation, bits } = value;
  if (!isNumber(accuracy.float) || !isNumber(accuracy.allQuantized)) return undefined;
  const source = isJsonObject(value.source) && value.source.kind === 'run' && typeof value.source.runFolder === 'string'
    ? { kind: 'run' as const, runFolder: value.source.runFolder, checkpointEpoch: isNumber(value.source.checkpointEpoch) ? value.source.checkpointEpoch : 0 }
    : { kind: 'ptq' as const };
  return {
    kind: 'sensitivity',
    configPath: typeof value.configPath === 'string' ? value.configPath : '',
    source,
    bits: { weights: isJsonObject(bits) && isNumber(bits.weights) ? bits.weights : 8, activations: isJsonObject(bits) && isNumber(bits.activations) ? bits.activations : 8 },
    evaluation: {
      examples: isJsonObject(evaluation) && isNumber(evaluation.examples) ? evaluation.examples : 0,
      datasetExamples: isJsonObject(evaluation) && isNumber(evaluation.datasetExamples) ? evaluation.datasetExamples : 0,
      gradientExamples: isJsonObject(evaluation) && isNumber(evaluation.gradientExamples) ? evaluation.gradientExamples : 0,
      limitedByTimeBudget: isJsonObject(evaluation) && evaluation.limitedByTimeBudget === true,
    },
    timeBudgetMinutes: numberOrNull(value.timeBudgetMinutes),
    accuracy: { float: accuracy.float, allQuantized: accuracy.allQuantized },
    layers: value.layers.flatMap((layer) => parseLayerSensitivity(layer) ?? []),
    unmeasuredLayers: Array.isArray(value.unmeasuredLayers) ? value.unmeasuredLayers.filter((node): node is string => typeof node === 'string') : [],
    correlations: Array.isArray(value.correlations) ? value.correlations.flatMap((c) => parseCorrelation(c) ?? []) : [],
    seconds: isNumber(value.seconds) ? value.seconds : 0,
  };
}
