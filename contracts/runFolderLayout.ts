/**
 * The run folder's layout, `runs/<name>-<timestamp>/`: the name of every file the engine writes there
 * and the timestamp in the folder's name. The engine's writer (engine/run/runFolder.ts) and the
 * extension's reader (extension/runHistory/runFolderReader.ts) both take them from here; the files'
 * shapes are in runFiles.ts. docs/runs.md says what each file is for.
 */

export const RUN_FOLDER_FILES = {
  /** Written first, when the run starts: RunInfoFile. */
  runInfo: 'run.json',
  /** The config as run (JSONC text, comments kept). */
  config: 'config.distq.json',
  /** Accuracies before training: BaselineFile. */
  baseline: 'baseline.json',
  /** The per-layer quantization error reports: LayersFile. */
  layers: 'layers.json',
  /** One MetricsRecord per line, appended as training goes. */
  metrics: 'metrics.jsonl',
  /** The last finished epoch's weights, optimizer and ranges, to resume from. */
  checkpoint: 'checkpoint.bin',
  /** How the run ended: SummaryFile. */
  summary: 'summary.json',
  /** The post-training-quantized baseline model. */
  ptqInt8: 'ptq-int8.onnx',
  /** The student after QAT, in float. */
  studentFp32: 'student-fp32.onnx',
  /** The student after QAT, exported as an INT8 QDQ model. */
  studentInt8: 'student-int8.onnx',
  /** `distq train`'s trained float model. */
  trainedFp32: 'model-fp32.onnx',
  /** `distq sensitivity --run` on this run's checkpoint: SensitivityReport (sensitivityReport.ts). */
  sensitivity: 'sensitivity.json',
  /** `distq tune`'s trials, rewritten after each: TuningFile (tuningReport.ts). */
  tuning: 'tuning.json',
  /** Held while a process runs in the folder: its pid (a resume of a folder in use refuses). */
  lock: 'run.lock',
} as const;

export type RunFolderFileName = (typeof RUN_FOLDER_FILES)[keyof typeof RUN_FOLDER_FILES];

/**
 * `distq tune`'s trials, a folder each inside the run folder: `tuning/trial-3/` holds trial 3's
 * checkpoint.bin (the next trials continue from it) and its student-int8.onnx.
 */
export function tuningTrialFolder(index: number): string {
  return `tuning/trial-${index}`;
}

/** `2026-11-28T00:34:55.123Z` → `20261128-003455Z`, the timestamp a run folder is named with. */
export function runFolderTimestamp(startedAt: Date): string {
  return startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
}

/** The timestamp ending a run folder's name, with the `-2`, `-3`… a second run started in the same second gets. */
const TIMESTAMP_SUFFIX = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z(?:-\d+)?$/;

/** `mnist-qat-20261128-003455Z` (or `…Z-2`) → its UTC start time; undefined for other names. */
export function startTimeOfRunFolder(folderName: string): Date | undefined {
  const match = TIMESTAMP_SUFFIX.exec(folderName);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** `mnist-qat-20261128-003455Z` (or `…Z-2`) → `mnist-qat`, the config's name; other names unchanged. */
export function configNameOfRunFolder(folderName: string): string {
  return folderName.replace(TIMESTAMP_SUFFIX, '');
}
