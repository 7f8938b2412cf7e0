/**
 * The extension ↔ webview protocol for DistQ's panels (dashboard, layers, compare, Pareto).
 * Both sides import these types; payloads are plain JSON.
 *
 * The conversation: the webview posts `ready` once its script runs; the host answers
 * with `snapshot` (the whole state), then sends `update`s batched by time (at most
 * four a second, never one per training step). Every number arrives finished: the
 * webview formats nothing but what the host gives it and computes nothing — sorting,
 * filtering and the log axis are display choices, not computation.
 *
 * Smoothing is computed on the host (an exponential moving average, debiased as in
 * TensorBoard): the webview receives `raw` and `smoothed` series side by side, so a
 * reload or a table view shows the same numbers the chart draws, and the webview
 * stays a display. Changing the smoothing asks the host for a new snapshot.
 */

import type { RUN_FOLDER_FILES } from '../contracts/runFolderLayout.ts';

// ---------------------------------------------------------------- shared pieces

/** How a run (or a report) stands, with a sentence the panel shows as it is. */
export type RunPhase = 'loading' | 'empty' | 'running' | 'finished' | 'stopped' | 'failed';

export interface RunStatusView {
  phase: RunPhase;
  /** One line for people: what is going on, what to do. */
  message: string;
  /** Progress as text, e.g. `epoch 2/5 · step 120/469 · 1:05 left`. */
  progress?: string;
}

/** One labelled figure of a summary card, formatted by the host. */
export interface SummaryItem {
  label: string;
  value: string;
  detail?: string;
  tone?: 'good' | 'bad' | 'warn' | 'neutral';
}

/** A series aligned with its chart's x values; null leaves a gap. */
export interface LineSeries {
  label: string;
  values: (number | null)[];
  /** `reference`: a dashed constant line; `points`: markers without a line. */
  style?: 'line' | 'reference' | 'points';
}

/** A plain table the host has formatted: the same column count in every row. */
export interface TextTable {
  columns: string[];
  rows: string[][];
}

// ---------------------------------------------------------------- dashboard

export interface LossSeries {
  /** `total`, `labels`, `kd`, `layer <tensor>`, `self <tensor>`: the engine's component names. */
  label: string;
  raw: (number | null)[];
  smoothed: (number | null)[];
}

/** Step-indexed series: losses and the learning rate share the x values (global steps). */
export interface StepSeries {
  steps: number[];
  losses: LossSeries[];
  learningRate: (number | null)[];
}

/** Accuracy in percent per epoch (1-based), with constant references as series. */
export interface AccuracySeries {
  epochs: number[];
  series: LineSeries[];
}

/**
 * Self-distillation's auxiliary heads per epoch, on the training batches: accuracy (%) and loss,
 * one line per head. Epoch 0 is the end of the head warm-up, when the run had one.
 */
export interface AuxiliaryHeadSeries {
  epochs: number[];
  accuracy: LineSeries[];
  loss: LineSeries[];
}

export interface DashboardState {
  kind: 'dashboard';
  title: string;
  runFolder: string;
  status: RunStatusView;
  /** EMA weight in [0, 1) the host smoothed with. */
  smoothing: number;
  steps: StepSeries;
  accuracy: AccuracySeries;
  /** Absent or empty without auxiliary heads. */
  auxiliaryHeads?: AuxiliaryHeadSeries;
  summary: SummaryItem[];
}

/** New rows to append (steps) and parts to replace (everything else), since the last message. */
export interface DashboardUpdate {
  kind: 'dashboard';
  /** Appended to the state's step series; the same loss labels, in the same order. */
  appendSteps?: StepSeries;
  /** Replaces the accuracy series (a few points per epoch). */
  accuracy?: AccuracySeries;
  /** Replaces the auxiliary heads' series (sent with the accuracy). */
  auxiliaryHeads?: AuxiliaryHeadSeries;
  status?: RunStatusView;
  summary?: SummaryItem[];
}

// ---------------------------------------------------------------- layers

/** One quantized layer, in graph order. Null: the layer has no such measurement. */
export interface LayerRow {
  /** Position in graph order, 0-based. */
  index: number;
  node: string;
  opType: string;
  /** What the layer does in a transformer (`layer 0 · attention · query`); absent when unknown. */
  role?: string;
  /** The layer's precision label (`W4A8`, `float`); null in reports written before per-layer precision. */
  precision: string | null;
  activationTensor: string | null;
  /** Activation SQNR of this layer's own quantizer (dB), latest stage. */
  sqnrDb: number | null;
  /** Activation SQNR with everything upstream quantized (dB), latest stage. */
  accumulatedSqnrDb: number | null;
  mse: number | null;
  cosine: number | null;
  maxAbsError: number | null;
  weightSqnrDb: number | null;
  scale: number | null;
  zeroPoint: number | null;
  /** Accumulated activation SQNR after PTQ and after QAT + distillation, and the gain. */
  ptqSqnrDb: number | null;
  finalSqnrDb: number | null;
  improvementDb: number | null;
  /** True when a layer mapping distils this layer's activation (its loss curve exists). */
  hasMappingLoss: boolean;
  /**
   * From the run's sensitivity.json, when it has one (absent otherwise; null: not measured): the
   * accuracy (%) with only this layer quantized and with only it kept in float, the measured impact
   * (pp), and the cheap proxies (the SQNRs in dB as measured, larger = less sensitive; the output
   * error × gradient score, larger = more sensitive).
   */
  onlyQuantizedPercent?: number | null;
  onlyFloatPercent?: number | null;
  impactPp?: number | null;
  proxyOwnSqnrDb?: number | null;
  proxyAccumulatedSqnrDb?: number | null;
  proxyOutputGradient?: number | null;
}

/** How well each cheap proxy ranks the layers against the measurement, from sensitivity.json, formatted by the host. */
export interface SensitivityView {
  /** What was measured: examples, the float and all-quantized accuracies, whose weights. */
  caption: string;
  /** Which proxy to trust, in a sentence. */
  advice: string;
  /** One row per proxy: its name and its rank correlations with the measured figures. */
  correlations: TextTable;
}

export interface LayersState {
  kind: 'layers';
  title: string;
  /** The run folder the report came from (absent for an inspection). */
  runFolder?: string;
  /** `run`: a training run's layers.json; `inspect`: a PTQ-only inspection. */
  source: 'run' | 'inspect';
  status: RunStatusView;
  /** Which stage the metric columns show. */
  stage: 'ptq' | 'final';
  rows: LayerRow[];
  summary: SummaryItem[];
  /** False when there is no config to edit (an inspection). */
  canExclude: boolean;
  /** Nodes already in the config's quantization.exclude. */
  excluded: string[];
  /** Present when the run folder has sensitivity.json: the rows then carry its columns too. */
  sensitivity?: SensitivityView;
}

export interface LayersUpdate {
  kind: 'layers';
  excluded: string[];
}

export interface HistogramView {
  /** `Activation (input)` or `Weight`, with the tensor's name. */
  label: string;
  /** Bin centres, ascending. */
  centers: number[];
  float: number[];
  dequantized: number[];
}

/** What the detail pane shows for one selected layer. */
export interface LayerDetail {
  node: string;
  histograms: HistogramView[];
  /** The layer-mapping loss for this layer's activation, per global step (smoothed by the host). */
  mappingLoss: { label: string; steps: number[]; values: (number | null)[] } | null;
}

// ---------------------------------------------------------------- compare

export interface CompareState {
  kind: 'compare';
  title: string;
  runFolders: string[];
  status: RunStatusView;
  /** One row per run: name, status and accuracies, formatted. */
  table: TextTable;
  /** Total training loss (smoothed by the host) per run over global steps; null where a run has no record. */
  loss: { steps: number[]; series: LineSeries[] };
  /** Student fake-quant accuracy (%) per epoch per run. */
  accuracy: AccuracySeries;
  /** The config settings that differ between the runs, shown as extra columns of the table. */
  settings: SettingsDiff;
}

/** Config values that differ between runs: dotted paths, and per run (in table order) one compact value per path. */
export interface SettingsDiff {
  paths: string[];
  values: string[][];
}

// ---------------------------------------------------------------- pareto (a tuning's trials)

/**
 * One chart of a tuning's trials: INT8 accuracy against one cost, a point per trial that has that
 * cost, in ascending order of it (trials may share a cost). Each accuracy series holds the points
 * of its kind and null elsewhere, so met and missed points differ in shape as well as colour.
 */
export interface ParetoChart {
  xLabel: string;
  x: number[];
  /** The trial (its `index`) each point is. */
  trials: number[];
  /** INT8 accuracy (%) of the trials that meet the target. */
  meets: (number | null)[];
  /** INT8 accuracy (%) of the trials that miss it. */
  misses: (number | null)[];
  /** The chosen trial's accuracy (%), drawn as a ring around its point. */
  chosen: (number | null)[];
  /** The target (%) at every point: a horizontal line. */
  target: (number | null)[];
  /** Why some trials are not in this chart; absent when all are. */
  note?: string;
}

/** One trial as the panel lists it, formatted by the host. */
export interface TrialView {
  index: number;
  /** `Trial 3 · promoted conv2`. */
  title: string;
  /** The trials table's cells, in `ParetoState.columns` order. */
  cells: string[];
  meets: boolean;
  chosen: boolean;
  /** The trial's `quantization.layers` against the user's config: one readable line per layer that differs. */
  difference: string[];
}

export interface ParetoState {
  kind: 'pareto';
  title: string;
  runFolder: string;
  status: RunStatusView;
  summary: SummaryItem[];
  /** `target ≥ 98.25 %`: the legend label of the target line. */
  targetLabel: string;
  size: ParetoChart;
  latency: ParetoChart;
  columns: string[];
  /** In trial order. */
  trials: TrialView[];
  /** The chosen trial's index; null before any trial. */
  chosen: number | null;
}

// ---------------------------------------------------------------- messages

export type PanelState = DashboardState | LayersState | CompareState | ParetoState;
export type PanelUpdate = DashboardUpdate | LayersUpdate;

/** Which file of the run folder `openFile` asks the host to show. */
export type RunFileName = (typeof RUN_FOLDER_FILES)['summary' | 'metrics' | 'layers' | 'config'] | 'source config';

/** Webview → host. */
export type WebviewToHostMessage =
  /** Sent once when the webview's script has started; the host answers with a snapshot. */
  | { type: 'ready' }
  /** Sent when the user picks a smoothing weight; the host answers with a snapshot. */
  | { type: 'setSmoothing'; smoothing: number }
  /** Sent when the user selects a layer; the host answers with `layerDetail`. */
  | { type: 'selectLayer'; node: string }
  /** Sent by "Exclude from quantization": the host adds the node to the source config's quantization.exclude. */
  | { type: 'excludeLayer'; node: string }
  /** Sent by a file link: the host opens that file of the run. */
  | { type: 'openFile'; file: RunFileName }
  /** Sent by the dashboard's "Per-layer error" button and the Pareto panel's "Open Layers": the host opens the run's layers panel. */
  | { type: 'showLayers' };

/** Host → webview. */
export type HostToWebviewMessage =
  /** The whole state: after `ready`, and whenever appending would not do. */
  | { type: 'snapshot'; state: PanelState }
  /** Batched changes since the last message, at most a few a second. */
  | { type: 'update'; update: PanelUpdate }
  /** The answer to `selectLayer`. */
  | { type: 'layerDetail'; detail: LayerDetail };

/** Smoothing weights the dashboard offers. */
export const SMOOTHING_CHOICES: readonly number[] = [0, 0.6, 0.8, 0.9, 0.95, 0.99];

/** Fails to compile when a switch over a union misses a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------- kept across reloads

/** Display choices the webview remembers; the host never reads them. */
export interface ViewPrefs {
  logScale: boolean;
  /** Ids of the charts whose text-alternative table is shown. */
  tables: string[];
  sort: { column: string; descending: boolean } | null;
  filter: string;
  selectedNode: string | null;
  /** The Pareto panel's selected trial (absent in states kept before it existed). */
  selectedTrial?: number | null;
}

/** What the webview keeps with setState; VS Code hands it to the host's serializer after a reload. */
export interface PersistedWebviewState {
  panel: PanelState | null;
  prefs: ViewPrefs;
}
