/** The selected layer: its histograms (float vs dequantized), its mapping loss and the exclude action. */
import { ChartCard } from '../charts/chartCard.ts';
import { tableToggle } from '../charts/tablePrefs.ts';
import { createButton } from '../components/button.ts';
import { element } from '../dom.ts';
import type { ViewContext } from '../panelView.ts';
import type { LayerDetail, LayerRow } from '../protocol.ts';
import { layerRole } from './layerColumns.ts';

export class LayerDetailView {
  readonly element = element('section', { class: 'layer-detail', 'aria-label': 'Selected layer', 'aria-live': 'polite' });
  private charts: ChartCard[] = [];

  constructor(private readonly context: ViewContext) {}

  /** A layer was selected; its detail follows from the host. */
  showRow(row: LayerRow | undefined, canExclude: boolean, excluded: readonly string[]): void {
    this.clearCharts();
    if (!row) {
      this.element.replaceChildren(element('p', { class: 'hint' }, 'Select a layer in the table or the chart to see its histograms.'));
      return;
    }
    const role = layerRole(row);
    const header = element('header', { class: 'card-header' }, element('h2', {}, role ? `${role}: ${row.node} (${row.opType})` : `${row.node} (${row.opType})`));
    if (canExclude) {
      const already = excluded.includes(row.node);
      const button = createButton({
        id: 'exclude-layer',
        label: already ? 'Excluded from quantization' : 'Exclude from quantization',
        appearance: 'primary',
        ariaLabel: `Exclude ${row.node} from quantization in the run's config`,
        onClick: () => this.context.post({ type: 'excludeLayer', node: row.node }),
      });
      if (already) button.setAttribute('disabled', '');
      header.append(button);
    }
    this.element.replaceChildren(header, element('div', { class: 'detail-charts' }));
  }

  showDetail(detail: LayerDetail): void {
    this.clearCharts();
    const host = this.element.querySelector('.detail-charts');
    if (!host) return;
    host.setAttribute('data-node', detail.node);
    detail.histograms.forEach((histogram, i) => {
      const id = `histogram-${i}`;
      const card = new ChartCard(host as HTMLElement, {
        // A log count scale: the spike at zero (ReLU outputs, rounding) would flatten everything else.
        id, title: histogram.label, xLabel: 'value', yLabel: 'count (log scale)', height: 180, logScale: true,
        series: [{ label: 'float', style: 'steps', color: 0 }, { label: 'dequantized', style: 'steps', color: 1 }],
        ...tableToggle(this.context, id),
      });
      // An empty bin has no place on a log axis: it shows as a gap.
      const shown = (counts: readonly number[]): (number | null)[] => counts.map((count) => (count > 0 ? count : null));
      card.setData(histogram.centers, [shown(histogram.float), shown(histogram.dequantized)]);
      this.charts.push(card);
    });
    if (detail.mappingLoss) {
      const card = new ChartCard(host as HTMLElement, {
        id: 'mapping-loss', title: `Distillation loss: ${detail.mappingLoss.label}`, xLabel: 'step', yLabel: 'loss (smoothed)', height: 180,
        series: [{ label: detail.mappingLoss.label, color: 2 }],
        ...tableToggle(this.context, 'mapping-loss'),
      });
      card.setData(detail.mappingLoss.steps, [detail.mappingLoss.values]);
      this.charts.push(card);
    }
  }

  retheme(): void {
    for (const card of this.charts) card.retheme();
  }

  private clearCharts(): void {
    for (const card of this.charts) card.destroy();
    this.charts = [];
  }

  destroy(): void {
    this.clearCharts();
  }
}
