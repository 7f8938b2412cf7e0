/**
 * Test-only faults at the run folder's write points (docs/testing.md, "Fault injection"), read from
 * the DISTQ_FAULT environment variable and nowhere else. A value is a comma list of
 * `KIND[:POINT]:FILE[@N]`, e.g. `kill:before-rename:checkpoint.bin`, `enospc:student-fp32.onnx@2`:
 * - `kill` ends the process at once (SIGKILL, as `kill -9` would) at `before-write` (the temporary
 *   file is created, empty), `mid-write` (half its bytes written), `before-rename` (written and
 *   flushed) or `after-rename`;
 * - `enospc`, `eio` throw the errno error at `write` (after half the bytes) or `fsync`;
 * - `short` makes the write take half the bytes, then none (a device that stops taking bytes).
 * FILE is a file name (`metrics.jsonl` too); `@N` picks its Nth write in the process (default 1).
 * A value with any entry that does not parse is ignored whole, so a stray or misspelt variable never
 * injects anything.
 */
import * as path from 'node:path';

export const FAULT_VARIABLE = 'DISTQ_FAULT';

export type WritePoint = 'before-write' | 'mid-write' | 'before-rename' | 'after-rename' | 'write' | 'fsync';
type FaultKind = 'kill' | 'enospc' | 'eio' | 'short';

interface Fault {
  kind: FaultKind;
  point: WritePoint;
  file: string;
  occurrence: number;
}

const POINTS_OF: Record<FaultKind, { points: readonly WritePoint[]; default?: WritePoint }> = {
  kill: { points: ['before-write', 'mid-write', 'before-rename', 'after-rename'] },
  enospc: { points: ['write', 'fsync'], default: 'write' },
  eio: { points: ['write', 'fsync'], default: 'write' },
  short: { points: ['write'], default: 'write' },
};

const ERRNO: Record<'enospc' | 'eio', { code: string; errno: number; text: string }> = {
  enospc: { code: 'ENOSPC', errno: -28, text: 'no space left on device' },
  eio: { code: 'EIO', errno: -5, text: 'i/o error' },
};

/** Parses a DISTQ_FAULT value; undefined when any entry does not parse. */
export function parseFaults(value: string): Fault[] | undefined {
  const faults: Fault[] = [];
  for (const entry of value.split(',')) {
    const match = /^(kill|enospc|eio|short)(?::([a-z-]+))?:([A-Za-z0-9._-]+?)(?:@([1-9]\d{0,5}))?$/.exec(entry.trim());
    if (!match) return undefined;
    const kind = match[1] as FaultKind;
    const allowed = POINTS_OF[kind];
    const point = (match[2] ?? allowed.default) as WritePoint | undefined;
    if (point === undefined || !allowed.points.includes(point)) return undefined;
    faults.push({ kind, point, file: match[3]!, occurrence: Number(match[4] ?? 1) });
  }
  return faults;
}

/** What one write of one file may suffer; NO_FAULTS outside fault tests. */
export interface WriteFaults {
  /** Ends the process or throws when a fault names this point. */
  at(point: WritePoint): void;
  /** How many of `wanted` bytes the next write call may take. */
  allowedBytes(wanted: number): number;
}

const NO_FAULTS: WriteFaults = { at: () => undefined, allowedBytes: (wanted) => wanted };

let parsedValue: string | undefined;
let parsedFaults: Fault[] = [];
const writesSeen = new Map<string, number>();

function activeFaults(): Fault[] {
  const value = process.env[FAULT_VARIABLE];
  if (!value) {
    parsedValue = undefined;
    return [];
  }
  if (value !== parsedValue) {
    parsedValue = value;
    parsedFaults = parseFaults(value) ?? [];
    writesSeen.clear();
  }
  return parsedFaults;
}

/** The faults for this write of `filePath`; counts the write, so call it once per write. */
export function faultsForWrite(filePath: string): WriteFaults {
  const faults = activeFaults();
  if (faults.length === 0) return NO_FAULTS;
  const name = path.basename(filePath);
  const count = (writesSeen.get(name) ?? 0) + 1;
  writesSeen.set(name, count);
  const mine = faults.filter((fault) => fault.file === name && fault.occurrence === count);
  if (mine.length === 0) return NO_FAULTS;
  const writeFaults = mine.filter((fault) => fault.point === 'write' || fault.point === 'mid-write');
  let writeCalls = 0;
  return {
    at(point) {
      for (const fault of mine) {
        if (fault.point !== point) continue;
        if (fault.kind === 'kill') process.kill(process.pid, 'SIGKILL');
        if (fault.kind === 'enospc' || fault.kind === 'eio') throw errnoError(ERRNO[fault.kind], point === 'fsync' ? 'fsync' : 'write');
      }
    },
    allowedBytes(wanted) {
      if (writeFaults.length === 0) return wanted;
      writeCalls += 1;
      // The first call takes half, so the fault strikes with the temporary file part-written.
      if (writeCalls === 1) return Math.max(1, Math.floor(wanted / 2));
      for (const fault of writeFaults) {
        if (fault.kind === 'short') return 0;
        this.at(fault.point);
      }
      return wanted;
    },
  };
}

function errnoError(cause: { code: string; errno: number; text: string }, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${cause.code}: ${cause.text}, ${syscall}`), { code: cause.code, errno: cause.errno, syscall });
}
