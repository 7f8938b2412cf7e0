/** The layer table's columns: what each shows and how its numbers are written. */
import type { LayerRow } from '../protocol.ts';

export interface LayerColumn {
  key: keyof LayerRow;
  label: string;
  /** A longer description for the header's tooltip and screen readers. */
  description: string;
  numeric: boolean;
  format?: (value: number) => string;
  /** Only when the report has a final (after QAT) stage. */
  finalOnly?: boolean;
  /** Only when the run has a sensitivity analysis (sensitivity.json). */
  sensitivityOnly?: boolean;
}

const decibels = (v: number): string => v.toFixed(1);
const scientific = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(4) : v.toExponential(2));
const signedDecibels = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;
const percentage = (v: number): string => v.toFixed(2);
const signedPoints = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

export const LAYER_COLUMNS: readonly LayerColumn[] = [
  { key: 'index', label: '#', description: 'Position in graph order', numeric: true, format: String },
  { key: 'node', label: 'Layer', description: 'Node name', numeric: false },
  { key: 'opType', label: 'Op', description: 'Op type', numeric: false },
  { key: 'precision', label: 'Precision', description: 'Bit widths of the layer\'s weights (W) and of the activations it reads (A), from the global scheme or its own entry in quantization.layers', numeric: false },
  { key: 'sqnrDb', label: 'SQNR dB', description: "Activation SQNR of this layer's own quantizer (dB)", numeric: true, format: decibels },
  { key: 'accumulatedSqnrDb', label: 'Accum. SQNR dB', description: 'Activation SQNR with everything upstream quantized (dB)', numeric: true, format: decibels },
  { key: 'mse', label: 'MSE', description: 'Mean squared error of the quantized activation', numeric: true, format: scientific },
  { key: 'cosine', label: 'Cosine', description: 'Cosine similarity of the quantized activation', numeric: true, format: (v) => v.toFixed(5) },
  { key: 'maxAbsError', label: 'Max error', description: 'Largest absolute error of the quantized activation', numeric: true, format: scientific },
  { key: 'weightSqnrDb', label: 'Weight SQNR dB', description: 'Weight SQNR after per-channel quantization (dB)', numeric: true, format: decibels },
  { key: 'scale', label: 'Scale', description: 'Activation scale', numeric: true, format: scientific },
  { key: 'zeroPoint', label: 'Zero point', description: 'Activation zero point', numeric: true, format: String },
  { key: 'ptqSqnrDb', label: 'PTQ dB', description: 'Accumulated activation SQNR after post-training quantization (dB)', numeric: true, format: decibels, finalOnly: true },
  { key: 'finalSqnrDb', label: 'Final dB', description: 'Accumulated activation SQNR after QAT + distillation (dB)', numeric: true, format: decibels, finalOnly: true },
  { key: 'improvementDb', label: 'Gain dB', description: 'Final minus PTQ accumulated SQNR (dB)', numeric: true, format: signedDecibels, finalOnly: true },
  { key: 'onlyQuantizedPercent', label: 'Only quantized %', description: 'Accuracy (%) with only this layer quantized, every other layer in float (sensitivity.json)', numeric: true, format: percentage, sensitivityOnly: true },
  { key: 'onlyFloatPercent', label: 'Only float %', description: 'Accuracy (%) with only this layer kept in float, every other layer quantized (sensitivity.json)', numeric: true, format: percentage, sensitivityOnly: true },
  { key: 'impactPp', label: 'Impact pp', description: 'Measured impact (percentage points): the mean of the loss when it alone is quantized and the gain when it alone stays float', numeric: true, format: signedPoints, sensitivityOnly: true },
  { key: 'proxyOwnSqnrDb', label: 'Proxy: own SQNR dB', description: 'Proxy: the lowest SQNR of the layer\'s own quantizers (weight, input activations) in the sensitivity analysis; lower = more sensitive', numeric: true, format: decibels, sensitivityOnly: true },
  { key: 'proxyAccumulatedSqnrDb', label: 'Proxy: accum. SQNR dB', description: 'Proxy: the SQNR of the layer\'s input with everything upstream quantized, in the sensitivity analysis; lower = more sensitive', numeric: true, format: decibels, sensitivityOnly: true },
  { key: 'proxyOutputGradient', label: 'Proxy: error × grad', description: 'Proxy: output error × loss gradient, squared (Fisher approximation of the loss increase); higher = more sensitive', numeric: true, format: scientific, sensitivityOnly: true },
];

/** The layer's role in a transformer (`layer 0 · attention · query`), when the host sent one. */
export function layerRole(row: LayerRow): string | undefined {
  return row.role;
}

/** A cell's value; the sensitivity fields are absent from rows of runs without the analysis. */
function valueOf(row: LayerRow, column: LayerColumn): LayerRow[keyof LayerRow] | null {
  return row[column.key] ?? null;
}

export function cellText(column: LayerColumn, row: LayerRow): string {
  const value = valueOf(row, column);
  if (value === null) return '—';
  if (typeof value === 'number') return column.format ? column.format(value) : String(value);
  return String(value);
}

/** Rows in display order: filtered by name, op type or role, sorted with missing values last. */
export function visibleRows(rows: readonly LayerRow[], filter: string, sort: { column: string; descending: boolean } | null): LayerRow[] {
  const needle = filter.trim().toLowerCase();
  const matches = (r: LayerRow): boolean => [r.node, r.opType, layerRole(r) ?? ''].some((text) => text.toLowerCase().includes(needle));
  const shown = needle ? rows.filter(matches) : [...rows];
  const column = LAYER_COLUMNS.find((c) => c.key === sort?.column);
  if (!column || !sort) return shown;
  const direction = sort.descending ? -1 : 1;
  return shown.sort((a, b) => {
    const x = valueOf(a, column);
    const y = valueOf(b, column);
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order === 0 ? a.index - b.index : direction * order;
  });
}
