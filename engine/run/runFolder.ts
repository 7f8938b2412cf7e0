/**
 * A run's folder, `runs/<name>-<timestamp>/` (contracts/runFolderLayout.ts), and the one writer of its
 * files: the config as run, metrics.jsonl appended as training goes, and JSON files written atomically
 * so a crash mid-write leaves the last good state. Each file has its method and its shape
 * (contracts/runFiles.ts); models and the checkpoint are written by their own modules to the paths
 * this gives.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../onnx/modelFile.ts';
import { RUN_FOLDER_FILES, runFolderTimestamp, type RunFolderFileName } from '../../contracts/runFolderLayout.ts';
import type { BaselineFile, LayersFile, RunInfoFile, SummaryFile } from '../../contracts/runFiles.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';

/** The models a run folder holds, by their key in RUN_FOLDER_FILES. */
export type RunModel = 'ptqInt8' | 'studentFp32' | 'studentInt8' | 'trainedFp32';

export class RunFolder {
  private constructor(readonly folder: string) {}

  /** Creates a new run folder named after the config and the current time. */
  static create(runsFolder: string, name: string, now = new Date()): RunFolder {
    const stamp = runFolderTimestamp(now);
    let folder = path.join(runsFolder, `${name}-${stamp}`);
    for (let k = 2; fs.existsSync(folder); k++) folder = path.join(runsFolder, `${name}-${stamp}-${k}`);
    fs.mkdirSync(folder, { recursive: true });
    return new RunFolder(folder);
  }

  static open(folder: string): RunFolder {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new Error(`run folder ${folder} does not exist`);
    return new RunFolder(folder);
  }

  modelPath(model: RunModel): string {
    return this.file(RUN_FOLDER_FILES[model]);
  }

  get checkpointPath(): string {
    return this.file(RUN_FOLDER_FILES.checkpoint);
  }

  hasCheckpoint(): boolean {
    return fs.existsSync(this.checkpointPath);
  }

  writeConfigCopy(text: string): void {
    writeFileAtomic(this.file(RUN_FOLDER_FILES.config), text);
  }

  writeRunInfo(info: RunInfoFile): void {
    this.writeJson(RUN_FOLDER_FILES.runInfo, info);
  }

  writeBaseline(baseline: BaselineFile): void {
    this.writeJson(RUN_FOLDER_FILES.baseline, baseline);
  }

  /** The baseline a resumed run measured before its first epoch. */
  readBaseline(): BaselineFile {
    return this.readJson<BaselineFile>(RUN_FOLDER_FILES.baseline);
  }

  writeLayers(layers: LayersFile): void {
    this.writeJson(RUN_FOLDER_FILES.layers, layers);
  }

  readLayers(): LayersFile {
    return this.readJson<LayersFile>(RUN_FOLDER_FILES.layers);
  }

  writeSummary(summary: SummaryFile): void {
    this.writeJson(RUN_FOLDER_FILES.summary, summary);
  }

  /** One JSON line per record; a torn last line is ignored when reading. */
  appendMetrics(record: MetricsRecord): void {
    fs.appendFileSync(this.file(RUN_FOLDER_FILES.metrics), `${JSON.stringify(record)}\n`);
  }

  private file(name: RunFolderFileName): string {
    return path.join(this.folder, name);
  }

  private writeJson(name: RunFolderFileName, value: unknown): void {
    writeFileAtomic(this.file(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  private readJson<T>(name: RunFolderFileName): T {
    return JSON.parse(fs.readFileSync(this.file(name), 'utf8')) as T;
  }
}
