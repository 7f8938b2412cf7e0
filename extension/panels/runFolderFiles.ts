/**
 * Reads a run folder from disk alone (docs/runs.md). No `vscode` here: the panels'
 * models are built from what this returns, and tests read fixture folders with it.
 * A missing or half-written file reads as absent, never as an error: a run that is
 * still going has only some of its files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayerErrorReport, MetricsRecord, RunSummary } from '../../engine/protocol.ts';

/** baseline.json: accuracies measured before training. */
export interface BaselineFile {
  teacherFp32: number | null;
  studentFp32: number;
  ptqInt8: number;
  ptqFakeQuant?: number;
}

/** summary.json of a run that did not finish: the engine writes why. */
export interface EndedSummaryFile {
  kind: 'run';
  name: string;
  configPath?: string;
  status: 'stopped' | 'failed';
  message?: string;
  checkpointEpoch?: number;
}

export type SummaryFile = (Omit<RunSummary, 'configPath'> & { configPath?: string }) | EndedSummaryFile;

/** layers.json: the PTQ report after calibration, the final one after training. */
export interface LayersFile {
  ptq: LayerErrorReport | null;
  final: LayerErrorReport | null;
}

/** run.json: written when the run starts. */
export interface RunInfoFile {
  name: string;
  configPath?: string;
  startedAt?: string;
}

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

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readJson<T>(file: string): T | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
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

export function readRunFolder(folder: string): RunFolderContents {
  const file = (name: string): string => path.join(folder, name);
  const metricsText = readText(file('metrics.jsonl'));
  return {
    folder,
    exists: fs.existsSync(folder),
    runInfo: readJson<RunInfoFile>(file('run.json')),
    summary: readJson<SummaryFile>(file('summary.json')),
    baseline: readJson<BaselineFile>(file('baseline.json')),
    layers: readJson<LayersFile>(file('layers.json')),
    metrics: metricsText === undefined ? [] : parseMetricsLines(metricsText),
    configText: readText(file('config.distq.json')),
  };
}

/** The run's name: run.json, summary.json, else the folder name without its timestamp. */
export function runNameOf(contents: RunFolderContents): string {
  return contents.runInfo?.name ?? contents.summary?.name ?? path.basename(contents.folder).replace(/-\d{8}-\d{6}Z$/, '');
}

/** The config the run came from, when the engine recorded it. */
export function recordedConfigPath(contents: RunFolderContents): string | undefined {
  return contents.runInfo?.configPath ?? contents.summary?.configPath;
}
