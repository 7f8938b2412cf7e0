/**
 * A thin layer over uPlot (a small, fast chart library for streaming time series):
 * theme colours, line/reference/points/bars/steps styles, log scale, resizing, and a
 * redraw coalesced to one per animation frame however often data arrives.
 */
import uPlot from 'uplot';
import { readChartTheme, withAlpha, type ChartTheme } from './chartTheme.ts';

export type SeriesStyle = 'line' | 'faint' | 'reference' | 'points' | 'hollowPoints' | 'ring' | 'bars' | 'steps';

export interface SeriesSpec {
  label: string;
  style?: SeriesStyle;
  /** Index into the theme palette (defaults to the series' position). */
  color?: number;
}

export interface UplotChartOptions {
  xLabel: string;
  yLabel: string;
  series: SeriesSpec[];
  logScale: boolean;
  height: number;
  /** Names for integer x values (layer names in graph order). */
  xNames?: readonly string[];
  /** Only whole x values make sense (epochs, layers): no ticks between them. */
  integerX?: boolean;
  onSelect?: (index: number) => void;
}

const INTEGER_INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

/** Bars of two series share each x side by side (one left of it, one right), instead of one drawn over the other. */
function barsPaths(slot: number, slots: number): uPlot.Series.PathBuilder {
  if (slots !== 2) return uPlot.paths.bars!({ size: [0.8, 24], gap: 1 });
  return uPlot.paths.bars!({ size: [0.4, 12], gap: 1, align: slot === 0 ? -1 : 1 });
}

function seriesOptions(spec: SeriesSpec, index: number, theme: ChartTheme, bars: { slot: number; slots: number }): uPlot.Series {
  const paletteIndex = (spec.color ?? index) % theme.palette.length;
  const color = theme.palette[paletteIndex]!;
  const width = theme.highContrast ? 2.5 : 1.5;
  const base: uPlot.Series = { label: spec.label, stroke: color, width, spanGaps: false, points: { show: false } };
  switch (spec.style ?? 'line') {
    case 'faint':
      return { ...base, stroke: withAlpha(color, theme.faintAlphas[paletteIndex] ?? 1), width: 1 };
    case 'reference':
      return { ...base, dash: [6, 4], spanGaps: true };
    case 'points':
      // The fill draws no area without paths; it fills the legend's marker, as the points are filled.
      return { ...base, fill: color, paths: () => null, points: { show: true, size: 9, stroke: color, fill: color } };
    // Outlined markers, and a wide ring drawn around another series' marker: told apart by shape, not colour alone.
    case 'hollowPoints':
      return { ...base, paths: () => null, points: { show: true, size: 9, width: 2, stroke: color, fill: 'transparent' } };
    case 'ring':
      return { ...base, paths: () => null, points: { show: true, size: 18, width: theme.highContrast ? 3 : 2.5, stroke: color, fill: 'transparent' } };
    case 'bars':
      return { ...base, paths: barsPaths(bars.slot, bars.slots), fill: withAlpha(color, 0.6), width: 1 };
    case 'steps':
      return { ...base, paths: uPlot.paths.stepped!({ align: 1 }), fill: withAlpha(color, 0.25) };
    default:
      return base;
  }
}

export class UplotChart {
  private plot: uPlot | undefined;
  private data: uPlot.AlignedData = [[]];
  private pending = 0;
  private readonly resizeObserver: ResizeObserver;

  constructor(private readonly host: HTMLElement, private options: UplotChartOptions) {
    // Only width changes matter; resizing a frame later keeps the observer from seeing its own change.
    this.resizeObserver = new ResizeObserver(() => requestAnimationFrame(() => {
      const width = this.width();
      if (this.plot && width !== this.plot.width) this.plot.setSize({ width, height: this.options.height });
    }));
    this.resizeObserver.observe(host);
    this.build();
  }

  private width(): number {
    return Math.max(200, this.host.clientWidth || 600);
  }

  /** (Re)creates the plot: at first, for a new scale distribution, or for a new theme. */
  build(): void {
    this.plot?.destroy();
    const theme = readChartTheme();
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: theme.foreground,
      font: theme.font,
      labelFont: theme.font,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1 },
    });
    const barSeries = this.options.series.filter((spec) => spec.style === 'bars');
    const xNames = this.options.xNames;
    const xAxis = axis(this.options.xLabel);
    if (xNames) xAxis.values = (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? xNames[t] ?? '' : ''));
    if (xNames || this.options.integerX) xAxis.incrs = INTEGER_INCREMENTS;
    // uPlot hands a log-scale axis null ticks where it skips a label.
    const yAxis: uPlot.Axis = { ...axis(this.options.yLabel), size: 64, values: (_u, ticks) => ticks.map((t: number | null) => (t === null ? '' : String(Number(t.toPrecision(4))))) };
    const opts: uPlot.Options = {
      width: this.width(),
      height: this.options.height,
      // Bars are as wide as the space between x values: half a step of room at each end keeps the first and last whole.
      scales: { x: barSeries.length > 0 ? { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] } : { time: false }, y: this.options.logScale ? { distr: 3, log: 10 } : { distr: 1 } },
      axes: [xAxis, yAxis],
      series: [{ label: this.options.xLabel, value: xNames ? (_u, v) => (v === null ? '' : xNames[v] ?? String(v)) : undefined }, ...this.options.series.map((s, i) => seriesOptions(s, i, theme, { slot: barSeries.indexOf(s), slots: barSeries.length }))],
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false } },
    };
    this.plot = new uPlot(opts, this.data, this.host);
    const onSelect = this.options.onSelect;
    if (onSelect) {
      const plot = this.plot;
      plot.over.addEventListener('click', () => {
        const index = plot.cursor.idx;
        if (index !== null && index !== undefined) onSelect(index);
      });
    }
  }

  setOptions(changes: Partial<UplotChartOptions>): void {
    this.options = { ...this.options, ...changes };
    this.build();
  }

  /** Takes the arrays by reference: appending to them and calling `redraw` shows the new points. */
  setData(data: uPlot.AlignedData): void {
    this.data = data;
    this.redraw();
  }

  redraw(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.plot?.setData(this.data, true);
    });
  }

  /** Points the plot holds (x values), for tests and the text alternative's caption. */
  get pointCount(): number {
    return this.plot?.data[0]?.length ?? 0;
  }

  destroy(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }
}
