/** The human-readable end of `distq sensitivity`: layers by measured impact, then how well each proxy ranks them. */
import { SENSITIVITY_PROXIES, type SensitivityReport } from '../../contracts/sensitivityReport.ts';
import { precisionLabel } from '../../contracts/quantizationScheme.ts';
import { formatTable, percent } from './formatSummary.ts';

function decibels(negated: number | null): string {
  return negated === null ? '—' : `${(-negated).toFixed(1)} dB`;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? '—' : value.toFixed(digits);
}

export function formatSensitivityReport(report: SensitivityReport, file: string): string {
  const layerRows = [['#', 'layer', 'op', 'only it quantized', 'only it float', 'impact pp', 'own SQNR', 'input SQNR', 'out err × grad']];
  report.layers.forEach((layer, i) => {
    const score = layer.proxies.outputGradient;
    layerRows.push([layer.impactPp === null ? '—' : String(i + 1), layer.node, layer.opType, percent(layer.onlyQuantized), percent(layer.onlyFloat), fixed(layer.impactPp, 2),
      decibels(layer.proxies.ownSqnr), decibels(layer.proxies.accumulatedSqnr), score === null ? '—' : score.toExponential(2)]);
  });
  const correlationRows = [['proxy', 'ρ vs impact', 'ρ vs only quantized', 'ρ vs only float', 'what it is']];
  for (const c of report.correlations) {
    correlationRows.push([c.proxy, fixed(c.againstImpact, 2), fixed(c.againstOnlyQuantized, 2), fixed(c.againstOnlyFloat, 2), SENSITIVITY_PROXIES[c.proxy]]);
  }
  const { evaluation } = report;
  const budgetNote = evaluation.examples < evaluation.datasetExamples ? ', the time budget allowed no more' : '';
  const examples = `${evaluation.examples} of ${evaluation.datasetExamples} test examples (one example is ${(100 / Math.max(1, evaluation.examples)).toFixed(2)} pp${budgetNote})`;
  const unmeasured = report.unmeasuredLayers.length > 0 ? `\nThe time budget ran out before ${report.unmeasuredLayers.length} layer(s): ${report.unmeasuredLayers.join(', ')} (not measured; raise --time-budget-minutes).` : '';
  const source = report.source.kind === 'run' ? `run ${report.source.runFolder} after epoch ${report.source.checkpointEpoch}` : 'the student quantized post-training';
  const top = report.layers[0];
  const measuredOnly = report.unmeasuredLayers.length > 0 ? ' of the measured layers' : '';
  const advice = top && top.impactPp !== null && top.impactPp > 0 ? `\nMost sensitive${measuredOnly}: ${top.node}. Keep it in float with "quantization": { "exclude": ["${top.node}"] }.` : '';
  return `\n${formatTable(layerRows)}\n\n${formatTable(correlationRows)}\n\n${precisionLabel(report.bits.weights, report.bits.activations)} sensitivity of ${source}, on ${examples}: float ${percent(report.accuracy.float)}, all layers quantized ${percent(report.accuracy.allQuantized)}.`
    + `\nImpact = mean of (float − only it quantized) and (only it float − all quantized); ρ = Spearman rank correlation of a proxy with the measured figures (+1: it ranks the layers exactly as measured).${unmeasured}${advice}\nWritten to ${file} (${report.seconds.toFixed(0)} s).\n`;
}
