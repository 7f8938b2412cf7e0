/**
 * The layers panel's sensitivity columns and the proxies' rank correlations, from the run's
 * sensitivity.json (contracts/sensitivityReport.ts): per layer the measured accuracies and impact and
 * the proxies; above the table, how well each proxy ranks the layers and which one to trust. No
 * `vscode` here.
 */
import { type ProxyRankCorrelation, type SensitivityProxy, type SensitivityReport } from '../../../contracts/sensitivityReport.ts';
import type { LayerRow, SensitivityView } from '../../../webview/protocol.ts';
import { percent } from '../numberFormat.ts';

type SensitivityFields = Pick<LayerRow, 'onlyQuantizedPercent' | 'onlyFloatPercent' | 'impactPp' | 'proxyOwnSqnrDb' | 'proxyAccumulatedSqnrDb' | 'proxyOutputGradient'>;

/** Short names for the panel; SENSITIVITY_PROXIES describes each in full (the columns' tooltips say the same). */
const PROXY_NAMES: Record<SensitivityProxy, string> = {
  ownSqnr: 'own SQNR',
  accumulatedSqnr: 'accumulated SQNR',
  outputGradient: 'output error × gradient',
};

/** A correlation this strong ranks the layers nearly as measured; below the weaker bound, it says little. */
const TRUSTED_CORRELATION = 0.7;
const ROUGH_CORRELATION = 0.4;
/** Fewer measured layers than this make every correlation noisy. */
const FEW_LAYERS = 5;

const asPercent = (fraction: number | null): number | null => (fraction === null ? null : 100 * fraction);
/** The file keeps SQNR proxies negated (larger = more sensitive); the table shows SQNR as measured, in dB. */
const asDecibels = (negated: number | null): number | null => (negated === null ? null : -negated);

/** Each row of the layers table gains its sensitivity fields; layers the analysis does not list get nulls. */
export function withSensitivity(rows: readonly LayerRow[], report: SensitivityReport): LayerRow[] {
  const byNode = new Map(report.layers.map((layer) => [layer.node, layer]));
  return rows.map((row) => {
    const layer = byNode.get(row.node);
    const fields: SensitivityFields = {
      onlyQuantizedPercent: asPercent(layer?.onlyQuantized ?? null),
      onlyFloatPercent: asPercent(layer?.onlyFloat ?? null),
      impactPp: layer?.impactPp ?? null,
      proxyOwnSqnrDb: asDecibels(layer?.proxies.ownSqnr ?? null),
      proxyAccumulatedSqnrDb: asDecibels(layer?.proxies.accumulatedSqnr ?? null),
      proxyOutputGradient: layer?.proxies.outputGradient ?? null,
    };
    return { ...row, ...fields };
  });
}

const rho = (value: number | null): string => (value === null ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`);

/** Which proxy to trust, judged by its rank correlation with the measured impact. */
export function proxyAdvice(correlations: readonly ProxyRankCorrelation[], measuredLayers: number): string {
  const ranked = correlations.filter((c): c is ProxyRankCorrelation & { againstImpact: number } => c.againstImpact !== null).sort((a, b) => b.againstImpact - a.againstImpact);
  const best = ranked[0];
  if (!best) return 'Too few layers were measured to say how well any proxy ranks them: go by the measured columns.';
  const name = PROXY_NAMES[best.proxy];
  const noisy = measuredLayers < FEW_LAYERS ? ` With ${measuredLayers} measured layers, every correlation is noisy.` : '';
  if (best.againstImpact >= TRUSTED_CORRELATION) return `Trust ${name}: it ranks the layers nearly as the measurement does (ρ = ${rho(best.againstImpact)} against the impact).${noisy}`;
  if (best.againstImpact >= ROUGH_CORRELATION) return `${capitalized(name)} ranks the layers best, but only roughly (ρ = ${rho(best.againstImpact)} against the impact): check its top layers in the measured columns.${noisy}`;
  return `No proxy ranks the layers as the measurement does (the best, ${name}, has ρ = ${rho(best.againstImpact)} against the impact): go by the measured columns.${noisy}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function sensitivityView(report: SensitivityReport): SensitivityView {
  const measured = report.layers.length - report.unmeasuredLayers.length;
  const { examples, datasetExamples, limitedByTimeBudget } = report.evaluation;
  const source = report.source.kind === 'run' ? `the checkpoint of epoch ${report.source.checkpointEpoch}` : 'the student quantized post-training';
  const left = report.unmeasuredLayers.length;
  const unmeasured = left ? `; ${left} layer${left === 1 ? '' : 's'} left unmeasured by the time budget` : '';
  const budget = limitedByTimeBudget ? ' (fewer, to fit the time budget)' : '';
  return {
    caption: `Sensitivity of ${source}: ${measured} layers measured on ${examples} of ${datasetExamples} test examples${budget}${unmeasured}; float ${percent(report.accuracy.float)}, all quantized ${percent(report.accuracy.allQuantized)}.`,
    advice: proxyAdvice(report.correlations, measured),
    correlations: {
      columns: ['Proxy', 'ρ vs impact', 'ρ vs only quantized', 'ρ vs only float'],
      rows: report.correlations.map((c) => [PROXY_NAMES[c.proxy], rho(c.againstImpact), rho(c.againstOnlyQuantized), rho(c.againstOnlyFloat)]),
    },
  };
}
