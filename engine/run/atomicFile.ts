/**
 * Durable file writes. writeFileAtomic writes a temporary file beside the target, checks every
 * byte is written, flushes it and renames it over the target, so a crash, a kill or a full disk
 * at any point leaves either the previous complete file or the new one, and no temporary file
 * after a failure. appendToFile appends whole or not at all. Both report a failure as one line
 * naming the file and the real cause (FileWriteError).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { faultsForWrite, type WriteFaults } from './faultInjection.ts';

/** A write that failed; the message is one line: the cause, the file and its folder. */
export class FileWriteError extends Error {
  constructor(message: string, readonly file: string, readonly code: string | undefined) {
    super(message);
  }
}

let temporaryCount = 0;

export function writeFileAtomic(filePath: string, contents: Uint8Array | string): void {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  const folder = path.dirname(filePath);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw writeError(error, filePath);
  }
  const faults = faultsForWrite(filePath);
  const temporary = `${filePath}.tmp-${process.pid}-${++temporaryCount}`;
  let handle: number | undefined;
  try {
    handle = fs.openSync(temporary, 'wx');
    faults.at('before-write');
    writeAll(handle, bytes, faults, filePath);
    faults.at('fsync');
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    handle = undefined;
    faults.at('before-rename');
    fs.renameSync(temporary, filePath);
  } catch (error) {
    if (handle !== undefined) closeQuietly(handle);
    fs.rmSync(temporary, { force: true });
    throw writeError(error, filePath);
  }
  faults.at('after-rename');
  syncFolder(folder);
}

/**
 * Appends `text` whole: on a failure the file is cut back to its length before, so the lines already
 * there stay intact and no partial line is left.
 */
export function appendToFile(filePath: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const faults = faultsForWrite(filePath);
  let handle: number | undefined;
  let lengthBefore = 0;
  try {
    handle = fs.openSync(filePath, 'a');
    lengthBefore = fs.fstatSync(handle).size;
    faults.at('before-write');
    writeAll(handle, bytes, faults, filePath);
    fs.closeSync(handle);
  } catch (error) {
    if (handle !== undefined) {
      try {
        fs.ftruncateSync(handle, lengthBefore);
      } catch {
        // The append failed first; that error is the one to report.
      }
      closeQuietly(handle);
    }
    throw writeError(error, filePath);
  }
}

/** Writes every byte: writeSync may take fewer than asked (a full disk, a signal). */
function writeAll(handle: number, bytes: Uint8Array, faults: WriteFaults, filePath: string): void {
  let offset = 0;
  while (offset < bytes.length) {
    const wanted = faults.allowedBytes(bytes.length - offset);
    const written = wanted === 0 ? 0 : fs.writeSync(handle, bytes, offset, wanted);
    if (written <= 0) {
      throw new FileWriteError(`the disk took only ${offset} of ${bytes.length} bytes writing ${path.basename(filePath)} in ${path.dirname(filePath)}`, filePath, undefined);
    }
    offset += written;
  }
}

/** Makes the rename itself durable; platforms that cannot open a folder for fsync (Windows) skip it. */
function syncFolder(folder: string): void {
  let handle: number | undefined;
  try {
    handle = fs.openSync(folder, 'r');
    fs.fsyncSync(handle);
  } catch {
    // Not supported here: the file itself is flushed.
  } finally {
    if (handle !== undefined) closeQuietly(handle);
  }
}

function closeQuietly(handle: number): void {
  try {
    fs.closeSync(handle);
  } catch {
    // Already failing: the first error is the one to report.
  }
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'a folder is in the way',
};

/** One line for a failed write of `filePath`; read-only folders are named as such. */
export function writeError(error: unknown, filePath: string): FileWriteError {
  if (error instanceof FileWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const name = path.basename(filePath);
  const folder = path.dirname(filePath);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    const why = code === 'EROFS' ? 'read-only file system' : 'permission denied';
    return new FileWriteError(`cannot write in ${folder}: read-only (${why}, writing ${name})`, filePath, code);
  }
  const cause = (code && CAUSES[code]) ?? (error as Error).message.split('\n')[0];
  return new FileWriteError(`${cause} writing ${name} in ${folder}`, filePath, code);
}
