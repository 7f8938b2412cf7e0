/** The layers panel's state, for a training run (layers.json) or a PTQ inspection. No `vscode` here. */
import * as path from 'node:path';
import type { InspectReport } from '../../../contracts/engineProtocol.ts';
import type { LayerError } from '../../../contracts/layerErrorReport.ts';
import { RUN_FOLDER_FILES } from '../../../contracts/runFolderLayout.ts';
import type { LayersState, RunStatusView, SummaryItem } from '../../../webview/protocol.ts';
import { precisionLabel } from '../../../contracts/quantizationScheme.ts';
import { percent, percentPoints } from '../numberFormat.ts';
import type { RunFolderContents } from '../../runHistory/runFolderReader.ts';
import { layerRows, mappedStudentTensors } from './layerRows.ts';
import { sensitivityView, withSensitivity } from './sensitivityColumns.ts';

export function runLayersState(contents: RunFolderContents, excluded: string[], status: RunStatusView): LayersState {
  const ptq = contents.layers?.ptq ?? null;
  const final = contents.layers?.final ?? null;
  const summary: SummaryItem[] = [];
  const baseline = contents.baseline;
  if (baseline) summary.push({ label: 'PTQ INT8', value: percent(baseline.ptqInt8) });
  if (contents.summary?.status === 'finished') {
    const { qatInt8, ptqInt8 } = contents.summary.accuracy;
    summary.push({ label: 'QAT INT8', value: percent(qatInt8), detail: `${percentPoints(qatInt8 - ptqInt8)} vs PTQ`, tone: qatInt8 >= ptqInt8 ? 'good' : 'bad' });
  }
  const reportRows = layerRows(ptq, final, mappedStudentTensors(contents.configText));
  const sensitivity = contents.sensitivity;
  const rows = sensitivity ? withSensitivity(reportRows, sensitivity) : reportRows;
  const noLayers: RunStatusView = contents.layers
    ? { phase: 'empty', message: 'No layer of this model is quantized (quantization is off, or every layer is excluded).' }
    : { phase: 'empty', message: `No ${RUN_FOLDER_FILES.layers} yet: the per-layer report is written after calibration.` };
  return {
    kind: 'layers',
    title: `Layers · ${path.basename(contents.folder)}`,
    runFolder: contents.folder,
    source: 'run',
    status: rows.length ? status : status.phase === 'failed' ? status : noLayers,
    stage: final ? 'final' : 'ptq',
    rows,
    summary,
    canExclude: true,
    excluded,
    ...(sensitivity ? { sensitivity: sensitivityView(sensitivity) } : {}),
  };
}

export function inspectLayersState(report: InspectReport): LayersState {
  const { accuracy, bits } = report;
  return {
    kind: 'layers',
    title: `Layers · ${path.basename(report.model)} (PTQ)`,
    source: 'inspect',
    status: report.layers.layers.length
      ? { phase: 'finished', message: `PTQ ${precisionLabel(bits.weights, bits.activations)} of ${report.model}: ${report.layers.layers.length} quantized layers.` }
      : { phase: 'empty', message: 'No layer of this model is quantized: it has no Conv, Gemm or MatMul with a float weight.' },
    stage: 'ptq',
    rows: layerRows(report.layers, null, new Set()),
    summary: [
      { label: 'FP32', value: percent(accuracy.fp32) },
      { label: 'PTQ fake-quant', value: percent(accuracy.ptqFakeQuant), detail: `${percentPoints(accuracy.ptqFakeQuant - accuracy.fp32)} vs FP32` },
      { label: 'PTQ INT8', value: percent(accuracy.ptqInt8), detail: `${percentPoints(accuracy.ptqInt8 - accuracy.fp32)} vs FP32`, tone: accuracy.ptqInt8 >= accuracy.fp32 - 0.005 ? 'good' : 'bad' },
    ],
    canExclude: false,
    excluded: [],
  };
}

/** The layer named `node` in the latest report. */
export function findLayer(contents: RunFolderContents | undefined, report: InspectReport | undefined, node: string): LayerError | undefined {
  const latest = report?.layers ?? contents?.layers?.final ?? contents?.layers?.ptq ?? undefined;
  return latest?.layers.find((l) => l.node === node);
}
