/**
 * The extension's one reader of run folders (docs/runs.md), from disk alone; the files' names and
 * shapes are the contracts' (contracts/runFolderLayout.ts, contracts/runFiles.ts). The panels read a
 * folder whole; the runs view reads only what it lists (the summary's headline fields, the last epoch
 * from the tail of metrics.jsonl). A missing or half-written file reads as absent, never as an error:
 * a run that is still going has only some of its files, and a foreign or older file may lack fields.
 * No `vscode` here, so it is tested in plain Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configNameOfRunFolder, RUN_FOLDER_FILES, type RunFolderFileName } from '../../contracts/runFolderLayout.ts';
import type { BaselineFile, EpochAccuracy, LayersFile, RunInfoFile, SummaryFile } from '../../contracts/runFiles.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';

/** A run folder read whole, for the panels. */
export interface RunFolderContents {
  folder: string;
  exists: boolean;
  runInfo?: RunInfoFile;
  summary?: SummaryFile;
  baseline?: BaselineFile;
  layers?: LayersFile;
  metrics: MetricsRecord[];
  /** The config as run (JSONC text). */
  configText?: string;
}

/** The fields of summary.json the runs view reads, each checked: any may be missing in a foreign or older file. */
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

/** What the runs view lists of a folder, read without parsing its whole metrics log. */
export interface RunFolderHeadline {
  summary?: SummarySnapshot;
  lastEpoch?: EpochAccuracy;
  hasCheckpoint: boolean;
  hasMetrics: boolean;
}

const METRICS_TAIL_BYTES = 64 * 1024;

function fileOf(folder: string, name: RunFolderFileName): string {
  return path.join(folder, name);
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The last `maxBytes` of a file, or undefined when it cannot be read. */
function readTail(file: string, maxBytes: number): string | undefined {
  try {
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
  } catch {
    return undefined;
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readJson<T>(file: string): T | undefined {
  return parseJson(readText(file)) as T | undefined;
}

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

/** Parses metrics.jsonl text, skipping blank lines and a line a crash cut short. */
export function parseMetricsLines(text: string): MetricsRecord[] {
  const records: MetricsRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as MetricsRecord;
      if (record.type === 'step' || record.type === 'epoch') records.push(record);
    } catch {
      // A line cut short by a crash: the records before it still count.
    }
  }
  return records;
}

/** The last complete `epoch` record of metrics.jsonl text; lines cut short by a crash are skipped. */
export function lastEpochRecord(metricsText: string): EpochAccuracy | undefined {
  const lines = metricsText.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!.trim();
    if (!line.includes('"epoch"')) continue;
    const record = parseJson(line);
    if (isRecord(record) && record.type === 'epoch' && typeof record.epoch === 'number') {
      const accuracy: Record<string, number> = {};
      for (const [key, value] of Object.entries(accuracyTable(record.accuracy))) if (value !== null) accuracy[key] = value;
      return { epoch: record.epoch, accuracy };
    }
  }
  return undefined;
}

/** Parses summary.json; undefined when it is not a JSON object (cut short, foreign). */
export function parseSummary(text: string): SummarySnapshot | undefined {
  const parsed = parseJson(text);
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

/** Reads every file of a run folder, for the panels. */
export function readRunFolder(folder: string): RunFolderContents {
  const metricsText = readText(fileOf(folder, RUN_FOLDER_FILES.metrics));
  return {
    folder,
    exists: fs.existsSync(folder),
    runInfo: readJson<RunInfoFile>(fileOf(folder, RUN_FOLDER_FILES.runInfo)),
    summary: readJson<SummaryFile>(fileOf(folder, RUN_FOLDER_FILES.summary)),
    baseline: readJson<BaselineFile>(fileOf(folder, RUN_FOLDER_FILES.baseline)),
    layers: readJson<LayersFile>(fileOf(folder, RUN_FOLDER_FILES.layers)),
    metrics: metricsText === undefined ? [] : parseMetricsLines(metricsText),
    configText: readConfigCopy(folder),
  };
}

/** Reads what the runs view lists of a folder: the summary's checked fields and the last epoch from the tail of metrics.jsonl. */
export function readRunFolderHeadline(folder: string): RunFolderHeadline {
  const summaryText = readText(fileOf(folder, RUN_FOLDER_FILES.summary));
  const metricsTail = readTail(fileOf(folder, RUN_FOLDER_FILES.metrics), METRICS_TAIL_BYTES);
  return {
    summary: summaryText === undefined ? undefined : parseSummary(summaryText),
    lastEpoch: metricsTail === undefined ? undefined : lastEpochRecord(metricsTail),
    hasCheckpoint: fs.existsSync(fileOf(folder, RUN_FOLDER_FILES.checkpoint)),
    hasMetrics: metricsTail !== undefined,
  };
}

/** The config a run came from, as its run.json (written at the start) or summary.json records it. */
export function recordedConfigPath(folder: string): string | undefined {
  for (const name of [RUN_FOLDER_FILES.runInfo, RUN_FOLDER_FILES.summary]) {
    const text = readText(fileOf(folder, name));
    const configPath = text === undefined ? undefined : parseSummary(text)?.configPath;
    if (configPath) return configPath;
  }
  return undefined;
}

/** The config as run (JSONC text), the run folder's copy. */
export function readConfigCopy(folder: string): string | undefined {
  return readText(fileOf(folder, RUN_FOLDER_FILES.config));
}

/** The run's name: run.json, summary.json, else the folder name without its timestamp. */
export function runNameOf(contents: RunFolderContents): string {
  return contents.runInfo?.name ?? contents.summary?.name ?? configNameOfRunFolder(path.basename(contents.folder));
}
