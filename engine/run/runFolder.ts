/**
 * A run's folder, `runs/<name>-<timestamp>/`: the config as run, metrics.jsonl
 * appended as training goes, and JSON and model files written atomically so a
 * crash mid-write leaves the last good state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../onnx/modelFile.ts';
import type { MetricsRecord } from '../training/metrics.ts';

export class RunFolder {
  private constructor(readonly folder: string) {}

  /** Creates a new run folder named after the config and the current time. */
  static create(runsFolder: string, name: string, now = new Date()): RunFolder {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
    let folder = path.join(runsFolder, `${name}-${stamp}`);
    for (let k = 2; fs.existsSync(folder); k++) folder = path.join(runsFolder, `${name}-${stamp}-${k}`);
    fs.mkdirSync(folder, { recursive: true });
    return new RunFolder(folder);
  }

  static open(folder: string): RunFolder {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new Error(`run folder ${folder} does not exist`);
    return new RunFolder(folder);
  }

  file(name: string): string {
    return path.join(this.folder, name);
  }

  /** One JSON line per record; a torn last line is ignored when reading. */
  appendMetrics(record: MetricsRecord): void {
    fs.appendFileSync(this.file('metrics.jsonl'), `${JSON.stringify(record)}\n`);
  }

  writeJson(name: string, value: unknown): void {
    writeFileAtomic(this.file(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  writeText(name: string, text: string): void {
    writeFileAtomic(this.file(name), text);
  }

  readMetrics(): MetricsRecord[] {
    const file = this.file('metrics.jsonl');
    if (!fs.existsSync(file)) return [];
    const records: MetricsRecord[] = [];
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line) as MetricsRecord);
      } catch {
        // A line cut short by a crash: everything before it is intact.
      }
    }
    return records;
  }
}
