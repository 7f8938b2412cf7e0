/**
 * What a run folder says about its run, read from disk alone (docs/runs.md):
 * summary.json when the run ended, metrics.jsonl while it trained, checkpoint.bin
 * once an epoch finished. No vscode here, so it is tested in plain Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type RunStatus = 'running' | 'finished' | 'stopped' | 'failed';

export interface EpochAccuracy {
  /** Zero-based, as in metrics.jsonl. */
  epoch: number;
  accuracy: Record<string, number>;
}

/** The fields of summary.json the extension reads; every one may be missing in a foreign or older file. */
export interface SummarySnapshot {
  kind?: string;
  name?: string;
  /** The config the run came from (absolute), in summaries that record it. */
  configPath?: string;
  status?: string;
  message?: string;
  checkpointEpoch?: number;
  seconds?: number;
  accuracy: Record<string, number | null>;
}

export interface RunFolderState {
  /** Absolute path. */
  folder: string;
  /** The folder's name, `<config name>-<timestamp>`. */
  folderName: string;
  startedAt?: Date;
  /** How the run ended, from disk; a live run is marked running by whoever knows it is. */
  status: Exclude<RunStatus, 'running'>;
  summary?: SummarySnapshot;
  lastEpoch?: EpochAccuracy;
  hasCheckpoint: boolean;
  hasMetrics: boolean;
}

export const RUN_FILES = {
  summary: 'summary.json', metrics: 'metrics.jsonl', checkpoint: 'checkpoint.bin', config: 'config.distq.json', start: 'run.json',
} as const;

const METRICS_TAIL_BYTES = 64 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function accuracyTable(value: unknown): Record<string, number | null> {
  if (!isRecord(value)) return {};
  const table: Record<string, number | null> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || typeof entry === 'number') table[key] = entry;
  }
  return table;
}

/** Parses summary.json; undefined when it is not a JSON object (cut short, foreign). */
export function parseSummary(text: string): SummarySnapshot | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  return {
    kind: optionalString(parsed.kind),
    name: optionalString(parsed.name),
    configPath: optionalString(parsed.configPath),
    status: optionalString(parsed.status),
    message: optionalString(parsed.message),
    checkpointEpoch: optionalNumber(parsed.checkpointEpoch),
    seconds: optionalNumber(parsed.seconds),
    accuracy: accuracyTable(parsed.accuracy),
  };
}

/** The last complete `epoch` record of metrics.jsonl text; lines cut short by a crash are skipped. */
export function lastEpochRecord(metricsText: string): EpochAccuracy | undefined {
  const lines = metricsText.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!.trim();
    if (!line.includes('"epoch"')) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (isRecord(record) && record.type === 'epoch' && typeof record.epoch === 'number') {
      const accuracy: Record<string, number> = {};
      for (const [key, value] of Object.entries(accuracyTable(record.accuracy))) if (value !== null) accuracy[key] = value;
      return { epoch: record.epoch, accuracy };
    }
  }
  return undefined;
}

/**
 * How a run ended, from its files. A summary says it outright (a `train` summary
 * has no status: it only exists when training finished). Without one the run was
 * interrupted (or is going in another process): resumable with a checkpoint,
 * failed without.
 */
export function statusFromDisk(summary: SummarySnapshot | undefined, hasCheckpoint: boolean): Exclude<RunStatus, 'running'> {
  if (summary) {
    if (summary.status === 'finished' || summary.status === 'stopped' || summary.status === 'failed') return summary.status;
    if (summary.status === undefined) return 'finished';
    return 'failed';
  }
  return hasCheckpoint ? 'stopped' : 'failed';
}

/** `mnist-qat-20261128-003455Z` → its UTC start time; undefined for other names. */
export function startTimeOf(folderName: string): Date | undefined {
  const match = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z$/.exec(folderName);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** The folder holding a run file found anywhere under a `runs/` directory, or undefined. */
export function runFolderOfFile(file: string): string | undefined {
  const base = path.basename(file);
  if (base !== RUN_FILES.summary && base !== RUN_FILES.metrics && base !== RUN_FILES.checkpoint && base !== RUN_FILES.start) return undefined;
  const folder = path.dirname(file);
  return path.basename(path.dirname(folder)) === 'runs' ? folder : undefined;
}

function readTail(file: string, maxBytes: number): string {
  const handle = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(handle).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(handle, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(handle);
  }
}

function readIfExists(file: string, read: (file: string) => string): string | undefined {
  try {
    return read(file);
  } catch {
    return undefined;
  }
}

/** The config a run came from, as its run.json (written at the start) or summary.json records it. */
export function recordedConfigPath(folder: string): string | undefined {
  for (const file of [RUN_FILES.start, RUN_FILES.summary]) {
    const text = readIfExists(path.join(folder, file), (f) => fs.readFileSync(f, 'utf8'));
    const configPath = text === undefined ? undefined : parseSummary(text)?.configPath;
    if (configPath) return configPath;
  }
  return undefined;
}

/** Reads a run folder's state from its files. */
export function readRunFolder(folder: string): RunFolderState {
  const summaryText = readIfExists(path.join(folder, RUN_FILES.summary), (f) => fs.readFileSync(f, 'utf8'));
  const metricsTail = readIfExists(path.join(folder, RUN_FILES.metrics), (f) => readTail(f, METRICS_TAIL_BYTES));
  const summary = summaryText === undefined ? undefined : parseSummary(summaryText);
  const hasCheckpoint = fs.existsSync(path.join(folder, RUN_FILES.checkpoint));
  const folderName = path.basename(folder);
  return {
    folder,
    folderName,
    startedAt: startTimeOf(folderName),
    status: statusFromDisk(summary, hasCheckpoint),
    summary,
    lastEpoch: metricsTail === undefined ? undefined : lastEpochRecord(metricsTail),
    hasCheckpoint,
    hasMetrics: metricsTail !== undefined,
  };
}

/** Newest first by start time from the folder name, then by name. */
export function compareRunsNewestFirst(a: RunFolderState, b: RunFolderState): number {
  const at = a.startedAt?.getTime() ?? 0;
  const bt = b.startedAt?.getTime() ?? 0;
  return bt - at || a.folderName.localeCompare(b.folderName);
}
