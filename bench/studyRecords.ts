/**
 * The multi-seed studies' result files (bench/experiments/*.jsonl): one JSON record per line, each
 * keyed by what it depends on, read back whole so an interrupted study skips what it has.
 */
import * as fs from 'node:fs';

export interface KeyedRecord {
  key: string;
}

/** Every record of `file` by key (a later line wins); empty when the file does not exist yet. */
export function readKeyedRecords<T extends KeyedRecord>(file: string): Map<string, T> {
  const records = new Map<string, T>();
  if (!fs.existsSync(file)) return records;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as T;
    records.set(record.key, record);
  }
  return records;
}

/** Appends `record` to `file` and to `records`. */
export function appendKeyedRecord<T extends KeyedRecord>(file: string, records: Map<string, T>, record: T): void {
  fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
  records.set(record.key, record);
}
