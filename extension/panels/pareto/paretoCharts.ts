/**
 * Where a tuning's trials sit on the Pareto panel's two charts: INT8 accuracy against model size and
 * against latency, one point per trial, sorted by cost, split into met / missed / chosen series so the
 * webview only draws. No `vscode` here.
 */
import type { TuningTrial } from '../../../contracts/tuningReport.ts';
import type { ParetoChart } from '../../../webview/protocol.ts';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Sizes in KiB for small models, MiB from 1 MiB: the axis reads in whole-ish numbers either way. */
export function sizeAxis(trials: readonly TuningTrial[]): { label: string; divisor: number } {
  const largest = Math.max(0, ...trials.map((trial) => trial.sizeBytes));
  return largest >= MIB ? { label: 'INT8 model size (MiB)', divisor: MIB } : { label: 'INT8 model size (KiB)', divisor: KIB };
}

const asPercent = (fraction: number): number => Number((100 * fraction).toFixed(4));

/**
 * The chart of `trials` against `cost` (null: not measured, left out and counted in the note).
 * Points are in ascending cost, ties in trial order, since the chart's x values must ascend.
 */
export function paretoChart(trials: readonly TuningTrial[], cost: (trial: TuningTrial) => number | null, options: { xLabel: string; minimumAccuracy: number; chosen: number | null; omittedNote: (count: number) => string }): ParetoChart {
  const placed = trials
    .map((trial) => ({ trial, x: cost(trial) }))
    .filter((point): point is { trial: TuningTrial; x: number } => point.x !== null && Number.isFinite(point.x))
    .sort((a, b) => a.x - b.x || a.trial.index - b.trial.index);
  const omitted = trials.length - placed.length;
  const target = asPercent(options.minimumAccuracy);
  return {
    xLabel: options.xLabel,
    x: placed.map((point) => point.x),
    trials: placed.map((point) => point.trial.index),
    meets: placed.map(({ trial }) => (trial.meets ? asPercent(trial.accuracy.int8) : null)),
    misses: placed.map(({ trial }) => (trial.meets ? null : asPercent(trial.accuracy.int8))),
    chosen: placed.map(({ trial }) => (trial.index === options.chosen ? asPercent(trial.accuracy.int8) : null)),
    target: placed.map(() => target),
    ...(omitted > 0 ? { note: options.omittedNote(omitted) } : {}),
  };
}

export function sizeChart(trials: readonly TuningTrial[], minimumAccuracy: number, chosen: number | null): ParetoChart {
  const axis = sizeAxis(trials);
  return paretoChart(trials, (trial) => Number((trial.sizeBytes / axis.divisor).toFixed(3)), {
    xLabel: axis.label, minimumAccuracy, chosen, omittedNote: (count) => `${count} trial${count === 1 ? ' has' : 's have'} no size.`,
  });
}

export function latencyChart(trials: readonly TuningTrial[], minimumAccuracy: number, chosen: number | null): ParetoChart {
  return paretoChart(trials, (trial) => trial.latencyMs, {
    xLabel: 'INT8 latency at batch 1 (ms)', minimumAccuracy, chosen,
    omittedNote: (count) => `${count} of ${trials.length} trial${trials.length === 1 ? '' : 's'} had no latency measured and ${count === 1 ? 'is' : 'are'} not shown here.`,
  });
}
