/**
 * A run's folder, `runs/<name>-<timestamp>/` (contracts/runFolderLayout.ts), and the one writer of its
 * files: the config as run, metrics.jsonl appended as training goes, the models, the checkpoint and
 * the JSON files, each written whole (engine/run/atomicFile.ts) so a crash, a kill or a full disk
 * leaves the last good version. A failed write names the file and `output.runsFolder`. Each file has
 * its method and its shape (contracts/runFiles.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendToFile, FileWriteError, writeError, writeFileAtomic } from './atomicFile.ts';
import { encodeCheckpoint } from './checkpoint.ts';
import { encodeModel } from '../onnx/protoCodec.ts';
import type { Model } from '../onnx/ir.ts';
import { RUN_FOLDER_FILES, runFolderTimestamp, tuningTrialFolder, type RunFolderFileName } from '../../contracts/runFolderLayout.ts';
import type { BaselineFile, EpochSummary, LayersFile, RunInfoFile, SummaryFile } from '../../contracts/runFiles.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';
import type { TuningFile } from '../../contracts/tuningReport.ts';
import { takeFolderLock, type FolderLock } from './folderLock.ts';

/** The models a run folder holds, by their key in RUN_FOLDER_FILES. */
export type RunModel = 'ptqInt8' | 'studentFp32' | 'studentInt8' | 'trainedFp32';

/** writeFileAtomic's temporary names, `NAME.tmp-PID-N`. */
const TEMPORARY_FILE = /\.tmp-\d+-\d+$/;

/** More names than this for one config in one second means something else is wrong. */
const MAX_SAME_SECOND_FOLDERS = 1000;

export class RunFolder {
  private constructor(readonly folder: string) {}

  /**
   * Creates a new run folder named after the config and the current time. The folder itself is
   * created exclusively: processes starting in the same second each get their own (`-2`, `-3`, …).
   */
  static create(runsFolder: string, name: string, now = new Date()): RunFolder {
    try {
      fs.mkdirSync(runsFolder, { recursive: true });
    } catch (error) {
      throw withRunsFolderHint(writeError(error, path.join(runsFolder, `${name}-…`)), runsFolder);
    }
    const base = path.join(runsFolder, `${name}-${runFolderTimestamp(now)}`);
    for (let k = 1; k <= MAX_SAME_SECOND_FOLDERS; k++) {
      const folder = k === 1 ? base : `${base}-${k}`;
      try {
        fs.mkdirSync(folder);
        return new RunFolder(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw withRunsFolderHint(writeError(error, folder), runsFolder);
      }
    }
    throw new Error(`${MAX_SAME_SECOND_FOLDERS} run folders named ${path.basename(base)} already exist in ${runsFolder}`);
  }

  static open(folder: string): RunFolder {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new Error(`run folder ${folder} does not exist`);
    return new RunFolder(folder);
  }

  /** Takes the folder for this process; refuses while another live process holds it. */
  lock(): FolderLock {
    try {
      return takeFolderLock(this.file(RUN_FOLDER_FILES.lock), `run folder ${this.folder}`);
    } catch (error) {
      throw error instanceof FileWriteError ? this.explainWriteError(error) : error;
    }
  }

  /** Removes temporary files a killed process left (call it holding the lock, so none is being written). */
  removeTemporaryFiles(): void {
    for (const name of fs.readdirSync(this.folder)) {
      if (TEMPORARY_FILE.test(name)) fs.rmSync(path.join(this.folder, name), { force: true });
    }
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

  writeCheckpoint(state: unknown): void {
    this.write(RUN_FOLDER_FILES.checkpoint, encodeCheckpoint(state));
  }

  writeModel(model: RunModel, contents: Model): void {
    this.write(RUN_FOLDER_FILES[model], encodeModel(contents));
  }

  writeConfigCopy(text: string): void {
    this.write(RUN_FOLDER_FILES.config, text);
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

  /** `distq sensitivity --run` on this folder's checkpoint. */
  writeSensitivity(report: SensitivityReport): void {
    this.writeJson(RUN_FOLDER_FILES.sensitivity, report);
  }

  get sensitivityPath(): string {
    return this.file(RUN_FOLDER_FILES.sensitivity);
  }

  /** sensitivity.json, or undefined when this run's checkpoint has not been analysed. */
  readSensitivity(): SensitivityReport | undefined {
    return fs.existsSync(this.sensitivityPath) ? this.readJson<SensitivityReport>(RUN_FOLDER_FILES.sensitivity) : undefined;
  }

  /** `distq tune`'s trials, rewritten after each one. */
  writeTuning(tuning: TuningFile): void {
    this.writeJson(RUN_FOLDER_FILES.tuning, tuning);
  }

  /** Tuning trial `index`'s folder (its checkpoint and INT8 model), created when missing. */
  tuningTrialFolder(index: number): string {
    const folder = path.join(this.folder, tuningTrialFolder(index));
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw writeError(error, folder);
    }
    return folder;
  }

  /** tuning.json, or undefined when this run has not been tuned. */
  readTuning(): TuningFile | undefined {
    return fs.existsSync(this.file(RUN_FOLDER_FILES.tuning)) ? this.readJson<TuningFile>(RUN_FOLDER_FILES.tuning) : undefined;
  }

  writeSummary(summary: SummaryFile): void {
    this.writeJson(RUN_FOLDER_FILES.summary, summary);
  }

  /** summary.json, or undefined while the run has not written one (or it does not parse). */
  readSummary(): SummaryFile | undefined {
    try {
      return this.readJson<SummaryFile>(RUN_FOLDER_FILES.summary);
    } catch {
      return undefined;
    }
  }

  /** One JSON line per record, appended whole: a failed append leaves the earlier lines as they were. */
  appendMetrics(record: MetricsRecord): void {
    try {
      appendToFile(this.file(RUN_FOLDER_FILES.metrics), `${JSON.stringify(record)}\n`);
    } catch (error) {
      throw this.explainWriteError(error);
    }
  }

  /**
   * Keeps only the metrics of epochs before `epoch` (a resume redoes the rest), dropping a line a
   * kill cut short; rewritten atomically, so a crash meanwhile leaves the old log.
   */
  keepMetricsBefore(epoch: number): void {
    const file = this.file(RUN_FOLDER_FILES.metrics);
    if (!fs.existsSync(file)) return;
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const kept = lines.filter((line) => {
      const record = parseMetricsLine(line);
      return record !== undefined && record.epoch < epoch;
    });
    if (kept.length === lines.length) return;
    this.write(RUN_FOLDER_FILES.metrics, kept.map((line) => `${line}\n`).join(''));
  }

  /** The epochs before `epoch` as metrics.jsonl recorded them (for checkpoints that do not hold them). */
  readEpochsBefore(epoch: number): EpochSummary[] {
    const file = this.file(RUN_FOLDER_FILES.metrics);
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').split('\n').map(parseMetricsLine)
      .filter((record): record is Extract<MetricsRecord, { type: 'epoch' }> => record?.type === 'epoch' && record.epoch < epoch)
      .map((record) => ({ epoch: record.epoch, trainLoss: record.trainLoss, accuracy: record.accuracy }));
  }

  /** A failed write of a file in this folder, told as one line that names `output.runsFolder`. */
  explainWriteError(error: unknown): unknown {
    if (!(error instanceof FileWriteError) || path.dirname(error.file) !== this.folder) return error;
    return withRunsFolderHint(error, path.dirname(this.folder));
  }

  private file(name: RunFolderFileName): string {
    return path.join(this.folder, name);
  }

  private write(name: RunFolderFileName, contents: Uint8Array | string): void {
    try {
      writeFileAtomic(this.file(name), contents);
    } catch (error) {
      throw this.explainWriteError(error);
    }
  }

  private writeJson(name: RunFolderFileName, value: unknown): void {
    this.write(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  private readJson<T>(name: RunFolderFileName): T {
    return JSON.parse(fs.readFileSync(this.file(name), 'utf8')) as T;
  }
}

function parseMetricsLine(line: string): MetricsRecord | undefined {
  try {
    const record = JSON.parse(line) as MetricsRecord;
    return (record.type === 'step' || record.type === 'epoch') && typeof record.epoch === 'number' ? record : undefined;
  } catch {
    return undefined;
  }
}

const ADVICE: Record<string, string> = {
  ENOSPC: 'free space in output.runsFolder',
  EDQUOT: 'free space in output.runsFolder',
  EROFS: 'make output.runsFolder writable, or point it elsewhere',
  EACCES: 'make output.runsFolder writable, or point it elsewhere',
  EPERM: 'make output.runsFolder writable, or point it elsewhere',
};

function withRunsFolderHint(error: FileWriteError, runsFolder: string): FileWriteError {
  if (error.message.includes('output.runsFolder')) return error;
  const advice = (error.code && ADVICE[error.code]) ?? (error.code === undefined ? 'free space in output.runsFolder' : 'the file is in output.runsFolder');
  return new FileWriteError(`${error.message}: ${advice} (${runsFolder})`, error.file, error.code);
}
