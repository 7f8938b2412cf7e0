/**
 * A chart with its heading and its text alternative: a toggle shows the same numbers
 * as a table. The card is focusable and named, so keyboard and screen-reader users
 * reach both the chart and its table.
 */
import type uPlot from 'uplot';
import { createButton, setPressed } from '../components/button.ts';
import { clear, element } from '../dom.ts';
import { renderDataTable } from './dataTable.ts';
import { UplotChart, type SeriesSpec } from './uplotChart.ts';

export interface ChartCardOptions {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: SeriesSpec[];
  logScale?: boolean;
  height?: number;
  xNames?: readonly string[];
  integerX?: boolean;
  tableVisible: boolean;
  onTableToggle: (visible: boolean) => void;
  onSelect?: (index: number) => void;
}

export class ChartCard {
  readonly element: HTMLElement;
  private readonly chart: UplotChart;
  private readonly tableHost: HTMLElement;
  private readonly chartHost: HTMLElement;
  private x: number[] = [];
  private columns: (number | null)[][] = [];
  private tableVisible: boolean;
  private tablePending = 0;

  constructor(parent: HTMLElement, private readonly options: ChartCardOptions) {
    this.tableVisible = options.tableVisible;
    const tableId = `${options.id}-table`;
    const toggle = createButton({
      label: 'Table',
      ariaLabel: `Show ${options.title} as a table`,
      pressed: this.tableVisible,
      onClick: () => {
        this.tableVisible = !this.tableVisible;
        setPressed(toggle, this.tableVisible);
        toggle.setAttribute('aria-expanded', String(this.tableVisible));
        options.onTableToggle(this.tableVisible);
        this.renderTable();
      },
    });
    toggle.setAttribute('aria-controls', tableId);
    toggle.setAttribute('aria-expanded', String(this.tableVisible));
    toggle.classList.add('table-toggle');
    this.chartHost = element('div', { class: 'chart', role: 'img', tabindex: '0', 'aria-label': `${options.title}: ${options.yLabel} by ${options.xLabel}. The Table button shows the numbers.` });
    this.tableHost = element('div', { class: 'table-host', id: tableId });
    this.element = element('section', { class: 'chart-card', id: options.id, 'aria-label': options.title },
      element('header', { class: 'card-header' }, element('h2', {}, options.title), toggle),
      this.chartHost,
      this.tableHost,
    );
    parent.append(this.element);
    this.chart = new UplotChart(this.chartHost, {
      xLabel: options.xLabel, yLabel: options.yLabel, series: options.series, logScale: options.logScale ?? false,
      height: options.height ?? 240, xNames: options.xNames, integerX: options.integerX, onSelect: options.onSelect,
    });
  }

  /** Takes the arrays by reference (see `redraw`). */
  setData(x: number[], columns: (number | null)[][]): void {
    this.x = x;
    this.columns = columns;
    this.chart.setData([x, ...columns] as uPlot.AlignedData);
    this.afterData();
  }

  /** The arrays given to setData grew: draw the new points. */
  redraw(): void {
    this.chart.redraw();
    this.afterData();
  }

  private afterData(): void {
    this.element.dataset.points = String(this.x.length);
    if (this.tableVisible && !this.tablePending) {
      // Tables are slower than the canvas: at most one rebuild a second while streaming.
      this.tablePending = window.setTimeout(() => {
        this.tablePending = 0;
        this.renderTable();
      }, this.tableHost.childElementCount ? 1000 : 0);
    }
  }

  setLogScale(logScale: boolean): void {
    this.chart.setOptions({ logScale });
  }

  /** Rebuilds the plot with the current theme's colours. */
  retheme(): void {
    this.chart.build();
  }

  private renderTable(): void {
    clear(this.tableHost);
    if (!this.tableVisible) return;
    const columns = this.options.series.map((s, i) => ({ label: s.label, values: this.columns[i] ?? [] }));
    this.tableHost.append(renderDataTable(this.options.title, this.options.xLabel, this.x, columns, this.options.xNames));
  }

  destroy(): void {
    if (this.tablePending) clearTimeout(this.tablePending);
    this.chart.destroy();
    this.element.remove();
  }
}
