/** An inspection report as a markdown table, worst layers first: the stand-in until the error panel lands. */
import type { InspectReport } from '../../engine/protocol.ts';
import { formatAccuracy } from '../run/runMessages.ts';

function fixed(value: number | undefined, digits: number): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits);
}

function exponent(value: number | undefined): string {
  return value === undefined ? '–' : value.toExponential(2);
}

export function inspectReportMarkdown(report: InspectReport, modelLabel: string, dataLabel: string): string {
  const { weights, activations } = report.bits;
  const lines = [
    `# Per-layer quantization error: ${modelLabel}`,
    '',
    `W${weights}A${activations}, post-training quantization calibrated on ${dataLabel}.`,
    '',
    '| model | accuracy |',
    '| --- | ---: |',
    `| FP32 | ${formatAccuracy(report.accuracy.fp32)} |`,
    `| PTQ fake-quant | ${formatAccuracy(report.accuracy.ptqFakeQuant)} |`,
    `| PTQ INT8 (ONNX Runtime) | ${formatAccuracy(report.accuracy.ptqInt8)} |`,
    '',
    `Layers by accumulated activation SQNR, lowest (worst) first; ${report.layers.batches} batches.`,
    '',
    '| layer | op | act. SQNR dB (own) | act. SQNR dB (accumulated) | act. cosine | weight SQNR dB | weight MSE |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const worstFirst = [...report.layers.layers].sort((a, b) => (a.activation?.accumulated.sqnrDb ?? Infinity) - (b.activation?.accumulated.sqnrDb ?? Infinity));
  for (const layer of worstFirst) {
    lines.push(`| ${layer.node} | ${layer.opType} | ${fixed(layer.activation?.quantization.sqnrDb, 1)} | ${fixed(layer.activation?.accumulated.sqnrDb, 1)} | ${fixed(layer.activation?.accumulated.cosineSimilarity, 4)} | ${fixed(layer.weight?.metrics.sqnrDb, 1)} | ${exponent(layer.weight?.metrics.mse)} |`);
  }
  lines.push('');
  return lines.join('\n');
}
