/**
 * Panel states for the webview tests and the render bench, built by the host's own
 * models from synthetic run records, so the tests cover what the host really sends.
 */
import type { LayerError, LayerErrorReport } from '../../contracts/layerErrorReport.ts';
import type { MetricsRecord, StepMetrics } from '../../contracts/metricsRecord.ts';
import type { BaselineFile, RunSummary } from '../../contracts/runFiles.ts';
import type { CompareState, DashboardState, LayersState } from '../../webview/protocol.ts';
import { compareState } from '../../extension/panels/compare/compareState.ts';
import { DashboardModel } from '../../extension/panels/dashboard/dashboardModel.ts';
import { runLayersState } from '../../extension/panels/layers/layersState.ts';
import type { RunFolderContents } from '../../extension/runHistory/runFolderReader.ts';

/** A deterministic generator in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const BASELINE: BaselineFile = { teacherFp32: 0.9855, studentFp32: 0.981, ptqInt8: 0.962, ptqFakeQuant: 0.961 };

export function stepRecords(from: number, count: number, components: readonly string[], stride = 1, seed = 1): StepMetrics[] {
  const random = seededRandom(seed + from);
  return Array.from({ length: count }, (_, i) => {
    const globalStep = (from + i) * stride;
    const decay = Math.exp(-globalStep / 4000);
    const losses = Object.fromEntries(components.map((name, k) => [name, (0.2 + 2 * decay) / (k + 1) * (0.8 + 0.4 * random())]));
    const loss = Object.values(losses).reduce((a, b) => a + b, 0) / Math.max(1, components.length);
    return { type: 'step', epoch: Math.floor(globalStep / 469), step: globalStep % 469, globalStep, loss, losses, learningRate: 0.05 * (0.5 + 0.5 * Math.cos(Math.PI * globalStep / 10000)), gradientNorm: 1, stepMs: 4 };
  });
}

export function epochRecords(count: number): MetricsRecord[] {
  return Array.from({ length: count }, (_, epoch) => ({ type: 'epoch', epoch, trainLoss: 0.1 / (epoch + 1), accuracy: { qatFakeQuant: 0.965 + 0.004 * epoch }, seconds: 12 }));
}

export function finishedSummary(epochs: number): RunSummary {
  return {
    kind: 'run', name: 'mnist-kd', configPath: '/w/mnist-kd.distq.json', status: 'finished', distillation: 'kd', bits: { weights: 8, activations: 8 },
    accuracy: { teacherFp32: 0.9855, studentFp32: 0.981, ptqInt8: 0.962, qatFakeQuant: 0.978, qatInt8: 0.9775, studentFp32AfterQat: 0.98 },
    sizeBytes: { fp32: 1687660, int8: 430421 },
    latencyMs: { fp32: { batch1: 0.061, batch: 22.19 }, int8: { batch1: 0.042, batch: 15.5 }, batchSize: 500 },
    exportAgreement: { deltaPp: -0.05, ok: true },
    epochs: Array.from({ length: epochs }, (_, epoch) => ({ epoch, trainLoss: 0.1, accuracy: { qatFakeQuant: 0.97 } })),
    seconds: 61, runFolder: '/w/runs/mnist-kd-20260101-000000Z',
  };
}

/** The run issue 13 reported: an untrained student, INT8 8.2 pp below its teacher yet 80 pp above PTQ. */
export function belowTeacherSummary(epochs: number): RunSummary {
  const summary = finishedSummary(epochs);
  return { ...summary, accuracy: { teacherFp32: 0.9855, studentFp32: 0.098, ptqInt8: 0.098, qatFakeQuant: 0.9041, qatInt8: 0.9035, studentFp32AfterQat: 0.905 } };
}

export const COMPONENTS = ['labels', 'kd', 'layer fc1_out', 'self conv2_out'];

export function dashboardModel(steps: number, epochs: number, finished: boolean): DashboardModel {
  const model = new DashboardModel('Dashboard · mnist-kd-20260101-000000Z', '/w/runs/mnist-kd-20260101-000000Z', finished ? { phase: 'finished', message: 'Finished in 1:01.' } : { phase: 'running', message: 'Training…' });
  model.setBaseline(BASELINE);
  model.addRecords(stepRecords(1, steps, COMPONENTS));
  model.addRecords(epochRecords(epochs));
  if (finished) model.setSummary(finishedSummary(epochs));
  return model;
}

export function dashboardState(steps: number, epochs: number, finished = true): DashboardState {
  return dashboardModel(steps, epochs, finished).snapshot();
}

function histogram(bins: number, random: () => number): { edges: number[]; float: number[]; dequantized: number[] } {
  const edges = Array.from({ length: bins + 1 }, (_, i) => -1 + (2 * i) / bins);
  const float = Array.from({ length: bins }, (_, i) => Math.round(1000 * Math.exp(-(((i - bins / 2) / (bins / 6)) ** 2)) * (0.9 + 0.2 * random())));
  return { edges, float, dequantized: float.map((v, i) => (i % 4 === 0 ? v * 2 : i % 4 === 2 ? 0 : v)) };
}

function metrics(sqnrDb: number): { sqnrDb: number; mse: number; cosineSimilarity: number; maxAbsError: number; count: number } {
  return { sqnrDb, mse: 10 ** (-sqnrDb / 10), cosineSimilarity: 1 - 10 ** (-sqnrDb / 10), maxAbsError: 10 ** (-sqnrDb / 20), count: 1000 };
}

export function layerReport(count: number, bins: number, gain: number, seed = 7): LayerErrorReport {
  const random = seededRandom(seed);
  const layers: LayerError[] = Array.from({ length: count }, (_, i) => {
    const opType = i % 3 === 0 ? 'Conv' : i % 3 === 1 ? 'Gemm' : 'MatMul';
    const sqnr = 20 + 25 * random() + gain;
    return {
      node: `${opType.toLowerCase()}${i}`,
      opType,
      activation: { tensor: i === 1 ? 'fc1_out' : `t${i}`, scale: 0.01 + random() * 0.05, zeroPoint: i % 2 ? -128 : 0, qmin: -128, qmax: 127, quantization: metrics(sqnr + 5), accumulated: metrics(sqnr), histogram: histogram(bins, random) },
      weight: { tensor: `w${i}`, channelAxis: 0, scales: [0.01], zeroPoint: 0, qmin: -127, qmax: 127, metrics: metrics(35 + 5 * random()), histogram: histogram(bins, random) },
      // One layer with its own precision (quantization.layers), as a mixed-precision run reports it.
      precision: i === 2 ? 'W4A8' : 'W8A8',
    };
  });
  return { bins, batches: 4, layers };
}

export const MAPPING_CONFIG = '{ "name": "mnist-kd", "distillation": { "kind": "intermediate", "layerMappings": [{ "student": "fc1_out", "teacher": "t_fc1" }] } }';

export function runContents(folder: string, steps: number, layers: number, options: { final?: boolean } = {}): RunFolderContents {
  const ptq = layerReport(layers, 32, 0);
  return {
    folder, exists: true, baseline: BASELINE, summary: finishedSummary(3),
    layers: { ptq, final: options.final === false ? null : layerReport(layers, 32, 3) },
    metrics: [...stepRecords(1, steps, ['labels', 'kd', 'layer fc1_out'], 20), ...epochRecords(3)],
    configText: MAPPING_CONFIG,
  };
}

export function layersState(layers: number, options: { final?: boolean; excluded?: string[] } = {}): LayersState {
  return runLayersState(runContents('/w/runs/mnist-kd-20260101-000000Z', 50, layers, options), options.excluded ?? [], { phase: 'finished', message: 'Finished in 1:01.' });
}

export function compareFixture(): CompareState {
  return compareState([
    runContents('/w/runs/mnist-kd-20260101-000000Z', 40, 4),
    { ...runContents('/w/runs/mnist-qat-20260101-010000Z', 30, 4), summary: undefined },
    // The same config but for one excluded layer: the compare panel's settings columns show it.
    { ...runContents('/w/runs/mnist-w4a4-20260101-020000Z', 20, 4), configText: MAPPING_CONFIG.replace(/ }$/, ', "quantization": { "exclude": ["fc2"] } }') },
  ]);
}
