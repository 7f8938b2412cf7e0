/**
 * The extension's one reader of run folders (docs/runs.md), from disk alone; the files' names and
 * shapes are the contracts' (contracts/runFolderLayout.ts, contracts/runFiles.ts). The panels read a
 * folder whole; the runs view reads only what it lists (the summary's headline fields, the last epoch
 * from the tail of metrics.jsonl). A missing or half-written file reads as absent, never as an error:
 * a run that is still going has only some of its files, and a foreign or older file may lack fields.
 * Every read is asynchronous and bounded, since it runs on the extension host: a JSON file larger
 * than its cap reads as absent, and metrics.jsonl (hundreds of MB for a long run) is streamed and
 * thinned to at most MAX_METRICS_STEP_RECORDS step records, every epoch record kept.
 * No `vscode` here, so it is tested in plain Node.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { configNameOfRunFolder, RUN_FOLDER_FILES, type RunFolderFileName } from '../../contracts/runFolderLayout.ts';
import type { BaselineFile, EpochAccuracy, LayersFile, RunInfoFile, SummaryFile } from '../../contracts/runFiles.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';
import type { TuningFile } from '../../contracts/tuningReport.ts';
import { parseSensitivityReport, parseTuningFile } from './analysisFiles.ts';
import { isJsonObject } from '../jsonObject.ts';

/** A run folder read whole, for the panels. */
export interface RunFolderContents {
  folder: string;
  exists: boolean;
  runInfo?: RunInfoFile;
  summary?: SummaryFile;
  baseline?: BaselineFile;
  layers?: LayersFile;
  metrics: MetricsRecord[];
  /** Set when metrics.jsonl held more step records than the panels keep. */
  metricsThinned?: MetricsThinning;
  /** The config as run (JSONC text). */
  configText?: string;
  /** `distq sensitivity --run` on this run. */
  sensitivity?: SensitivityReport;
}

/** How metrics.jsonl was thinned: every `keptEvery`-th step record of `stepRecords`, all epoch records. */
export interface MetricsThinning {
  stepRecords: number;
  keptEvery: number;
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
/** summary.json, run.json, baseline.json and the config copy are a few kB; anything far larger is not the engine's. */
const SMALL_FILE_MAX_BYTES = 4 * 1024 * 1024;
/** layers.json grows with the model's layers and histogram bins; sensitivity.json and tuning.json with the layers only. */
const LAYERS_FILE_MAX_BYTES = 64 * 1024 * 1024;
/** Step records the panels keep; a longer log is thinned evenly (a chart has fewer pixels than this). */
export const MAX_METRICS_STEP_RECORDS = 20_000;
/** A metrics line longer than this is not a record the engine wrote: skipped without being held whole. */
const MAX_METRICS_LINE_BYTES = 1024 * 1024;
const METRICS_CHUNK_BYTES = 256 * 1024;

function fileOf(folder: string, name: RunFolderFileName): string {
  return path.join(folder, name);
}

/** The file's text, or undefined when it is missing, not a regular file or larger than `maxBytes`. */
async function readText(file: string, maxBytes = SMALL_FILE_MAX_BYTES): Promise<string | undefined> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return await handle.readFile('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** The last `maxBytes` of a file, or undefined when it cannot be read. */
async function readTail(file: string, maxBytes: number): Promise<string | undefined> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    const length = Math.min(stat.size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, stat.size - length);
    return buffer.toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => {});
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(folder: string): Promise<boolean> {
  try {
    return (await fsp.stat(folder)).isDirectory();
  } catch {
    return false;
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

async function readJson<T>(file: string, maxBytes?: number): Promise<T | undefined> {
  return parseJson(await readText(file, maxBytes)) as T | undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function accuracyTable(value: unknown): Record<string, number | null> {
  if (!isJsonObject(value)) return {};
  const table: Record<string, number | null> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || typeof entry === 'number') table[key] = entry;
  }
  return table;
}

/** One metrics.jsonl line as a record; undefined for a blank line, a line a crash cut short, or a foreign one. */
function parseMetricsLine(line: string): MetricsRecord | undefined {
  if (!line.trim()) return undefined;
  try {
    const record = JSON.parse(line) as MetricsRecord;
    return record.type === 'step' || record.type === 'epoch' ? record : undefined;
  } catch {
    // A line cut short by a crash: the records before it still count.
    return undefined;
  }
}

/** Parses metrics.jsonl text, skipping blank lines and a line a crash cut short. */
export function parseMetricsLines(text: string): MetricsRecord[] {
  return text.split('\n').flatMap((line) => parseMetricsLine(line) ?? []);
}

/**
 * Keeps metrics records within `maxStepRecords` step records, however many arrive: every epoch
 * record, and every `keptEvery`-th step record, `keptEvery` doubling (and the kept ones halving)
 * whenever the cap is reached, so the kept steps stay evenly spaced over the whole log.
 */
export class MetricsThinner {
  private kept: MetricsRecord[] = [];
  private keptSteps = 0;
  private stepsSeen = 0;
  private every = 1;

  constructor(private readonly maxStepRecords = MAX_METRICS_STEP_RECORDS) {}

  add(record: MetricsRecord): void {
    // The head warm-up's few readings are kept whole: the dashboard shows its last one.
    if (record.type !== 'step' || record.phase === 'headWarmup') {
      this.kept.push(record);
      return;
    }
    const index = this.stepsSeen;
    this.stepsSeen += 1;
    if (index % this.every !== 0) return;
    this.kept.push(record);
    this.keptSteps += 1;
    if (this.keptSteps > this.maxStepRecords) this.halve();
  }

  private halve(): void {
    this.every *= 2;
    let stepIndex = 0;
    this.kept = this.kept.filter((record) => {
      if (record.type !== 'step' || record.phase === 'headWarmup') return true;
      const keep = stepIndex % 2 === 0;
      stepIndex += 1;
      return keep;
    });
    this.keptSteps = this.kept.filter((record) => record.type === 'step' && record.phase !== 'headWarmup').length;
  }

  get records(): MetricsRecord[] {
    return this.kept;
  }

  get thinning(): MetricsThinning | undefined {
    return this.every > 1 ? { stepRecords: this.stepsSeen, keptEvery: this.every } : undefined;
  }
}

/** Streams metrics.jsonl in chunks (the event loop runs between them), thinned; empty when it cannot be read. */
export async function readMetrics(file: string, maxStepRecords = MAX_METRICS_STEP_RECORDS): Promise<{ records: MetricsRecord[]; thinning?: MetricsThinning }> {
  const thinner = new MetricsThinner(maxStepRecords);
  if (!(await isFile(file))) return { records: [] };
  let partial = '';
  let skippingLongLine = false;
  try {
    for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: METRICS_CHUNK_BYTES })) {
      const lines = (partial + (chunk as string)).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (skippingLongLine) skippingLongLine = false;
        else addParsed(thinner, line);
      }
      if (partial.length > MAX_METRICS_LINE_BYTES) {
        partial = '';
        skippingLongLine = true;
      }
    }
  } catch {
    // Cut off mid-read (the file went away): the records read so far still count.
  }
  if (!skippingLongLine) addParsed(thinner, partial);
  return { records: thinner.records, thinning: thinner.thinning };
}

function addParsed(thinner: MetricsThinner, line: string): void {
  const record = parseMetricsLine(line);
  if (record) thinner.add(record);
}

/** The last complete `epoch` record of metrics.jsonl text; lines cut short by a crash are skipped. */
export function lastEpochRecord(metricsText: string): EpochAccuracy | undefined {
  const lines = metricsText.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!.trim();
    if (!line.includes('"epoch"')) continue;
    const record = parseJson(line);
    if (isJsonObject(record) && record.type === 'epoch' && typeof record.epoch === 'number') {
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
  if (!isJsonObject(parsed)) return undefined;
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
export async function readRunFolder(folder: string): Promise<RunFolderContents> {
  const [exists, runInfo, summary, baseline, layers, metrics, configText, sensitivity] = await Promise.all([
    isDirectory(folder),
    readJson<RunInfoFile>(fileOf(folder, RUN_FOLDER_FILES.runInfo)),
    readJson<SummaryFile>(fileOf(folder, RUN_FOLDER_FILES.summary)),
    readJson<BaselineFile>(fileOf(folder, RUN_FOLDER_FILES.baseline)),
    readJson<LayersFile>(fileOf(folder, RUN_FOLDER_FILES.layers), LAYERS_FILE_MAX_BYTES),
    readMetrics(fileOf(folder, RUN_FOLDER_FILES.metrics)),
    readConfigCopy(folder),
    readSensitivityReport(folder),
  ]);
  return { folder, exists, runInfo, summary, baseline, layers, metrics: metrics.records, metricsThinned: metrics.thinning, configText, ...(sensitivity ? { sensitivity } : {}) };
}

/** The run's tuning.json, checked (analysisFiles.ts); undefined when absent, cut short or foreign. */
export async function readTuningFile(folder: string): Promise<TuningFile | undefined> {
  return parseTuningFile(parseJson(await readText(fileOf(folder, RUN_FOLDER_FILES.tuning), LAYERS_FILE_MAX_BYTES)));
}

/** The run's sensitivity.json, checked (analysisFiles.ts); undefined when absent, cut short or foreign. */
export async function readSensitivityReport(folder: string): Promise<SensitivityReport | undefined> {
  return parseSensitivityReport(parseJson(await readText(fileOf(folder, RUN_FOLDER_FILES.sensitivity), LAYERS_FILE_MAX_BYTES)));
}

/** Reads what the runs view lists of a folder: the summary's checked fields and the last epoch from the tail of metrics.jsonl. */
export async function readRunFolderHeadline(folder: string): Promise<RunFolderHeadline> {
  const [summaryText, metricsTail, hasCheckpoint] = await Promise.all([
    readText(fileOf(folder, RUN_FOLDER_FILES.summary)),
    readTail(fileOf(folder, RUN_FOLDER_FILES.metrics), METRICS_TAIL_BYTES),
    isFile(fileOf(folder, RUN_FOLDER_FILES.checkpoint)),
  ]);
  return {
    summary: summaryText === undefined ? undefined : parseSummary(summaryText),
    lastEpoch: metricsTail === undefined ? undefined : lastEpochRecord(metricsTail),
    hasCheckpoint,
    hasMetrics: metricsTail !== undefined,
  };
}

/**
 * The config a run came from, as its run.json (written at the start) or summary.json records it.
 * The folder may come from anywhere: who edits or opens the path checks it (recordedConfig.ts).
 */
export async function recordedConfigPath(folder: string): Promise<string | undefined> {
  for (const name of [RUN_FOLDER_FILES.runInfo, RUN_FOLDER_FILES.summary]) {
    const text = await readText(fileOf(folder, name));
    const configPath = text === undefined ? undefined : parseSummary(text)?.configPath;
    if (configPath) return configPath;
  }
  return undefined;
}

/** The config as run (JSONC text), the run folder's copy. */
export function readConfigCopy(folder: string): Promise<string | undefined> {
  return readText(fileOf(folder, RUN_FOLDER_FILES.config));
}

/** The run's name: run.json, summary.json, else the folder name without its timestamp. */
export function runNameOf(contents: RunFolderContents): string {
  return contents.runInfo?.name ?? contents.summary?.name ?? configNameOfRunFolder(path.basename(contents.folder));
}
