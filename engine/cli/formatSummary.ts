/** The human-readable end of `distq run`. */
import type { RunSummary } from '../../contracts/runFiles.ts';
import { speedComparison } from '../../contracts/speedComparison.ts';
import { sizeComparison } from '../../contracts/sizeComparison.ts';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP } from '../../contracts/accuracyVerdict.ts';
import type { InspectReport } from '../../contracts/engineProtocol.ts';
import { precisionLabel } from '../../contracts/quantizationScheme.ts';

/** An accuracy in [0, 1] as a percentage with two decimals; `—` when there is none. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(100 * value).toFixed(2)} %`;
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function formatRunSummary(summary: RunSummary): string {
  const a = summary.accuracy;
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  const table = formatTable([
    ['model', 'test accuracy'],
    ['teacher FP32', percent(a.teacherFp32)],
    ['student FP32 (before)', percent(a.studentFp32)],
    [`PTQ ${precisionLabel(summary.bits.weights, summary.bits.activations)} (INT8 model)`, percent(a.ptqInt8)],
    ['QAT fake-quant', percent(a.qatFakeQuant)],
    ['QAT INT8 model', percent(a.qatInt8)],
  ]);
  // The CLI has no settings: it judges by the same default tolerance the extension's setting starts at.
  const verdict = accuracyVerdict({ int8: a.qatInt8, teacherFp32: a.teacherFp32, studentFp32: a.studentFp32 }, DEFAULT_ACCURACY_TOLERANCE_PP);
  const result = `${verdict.verdict === 'meets' ? 'Result' : 'WARNING: below the goal'}: INT8 model ${percent(a.qatInt8)}, ${verdict.text}.`;
  const size = sizeComparison(summary.sizeBytes.fp32, summary.sizeBytes.int8, 'not measured');
  const agreement = summary.exportAgreement.ok ? 'agrees' : 'DISAGREES';
  const { latencyMs } = summary;
  const batch1 = speedComparison(latencyMs.fp32.batch1, latencyMs.int8.batch1, 'not measured');
  const batch = speedComparison(latencyMs.fp32.batch, latencyMs.int8.batch, 'not measured');
  const slower = [batch1.slower ? 'batch 1' : '', batch.slower ? `batch ${latencyMs.batchSize}` : ''].filter(Boolean);
  const warning = slower.length > 0 ? `\nWARNING: the INT8 model is slower than FP32 at ${slower.join(' and ')}; see “INT8 speed” in docs/quantization.md.` : '';
  return `\n${table}\n\n${result}\nINT8 export ${agreement} with fake quant (${summary.exportAgreement.deltaPp.toFixed(2)} pp). Size ${kib(summary.sizeBytes.fp32)} → ${kib(summary.sizeBytes.int8)} (${size.text}); latency batch 1 ${latencyMs.fp32.batch1.toFixed(3)} → ${latencyMs.int8.batch1.toFixed(3)} ms (${batch1.text}), batch ${latencyMs.batchSize} ${latencyMs.fp32.batch.toFixed(1)} → ${latencyMs.int8.batch.toFixed(1)} ms (${batch.text}).${warning}\nRun folder ${summary.runFolder} (${summary.seconds.toFixed(0)} s).\n`;
}

export function formatInspectReport(report: InspectReport): string {
  const db = (value: number | undefined): string => (value === undefined ? '—' : `${value.toFixed(1)} dB`);
  const rows = [['layer', 'op', 'activation SQNR', 'accumulated SQNR', 'weight SQNR', 'activation scale']];
  for (const layer of report.layers.layers) {
    rows.push([layer.node, layer.opType, db(layer.activation?.quantization.sqnrDb), db(layer.activation?.accumulated.sqnrDb), db(layer.weight?.metrics.sqnrDb), layer.activation ? layer.activation.scale.toPrecision(3) : '—']);
  }
  const a = report.accuracy;
  return `\n${formatTable(rows)}\n\n${precisionLabel(report.bits.weights, report.bits.activations)} post-training quantization of ${report.model}: FP32 ${percent(a.fp32)}, fake-quant ${percent(a.ptqFakeQuant)}, INT8 model ${percent(a.ptqInt8)}.\nSQNR = 20·log10(‖x‖ / ‖x − x̂‖) over all elements (higher is better); accumulated = float model vs quantized model at the same tensor.\n`;
}
