/**
 * Reading a file the user named (a model, its external data, an .npz/.npy, a config). Anything but a
 * regular file is refused before it is opened for reading: /dev/zero never ends and a FIFO blocks
 * forever, which would hang the engine (and the editor that asks it to describe a model). The size is
 * bounded too, so a huge file is refused with a line instead of exhausting memory.
 */
import * as fs from 'node:fs';

/** The protobuf limit for an ONNX model, and a sane bound for any one file DistQ reads whole. */
export const MAX_USER_FILE_BYTES = 2 ** 31 - 1;

export class UserFileError extends Error {
  constructor(readonly file: string, readonly what: string, readonly problem: string) {
    super(`${what} ${file} ${problem}`);
    this.name = 'UserFileError';
  }
}

/** What a non-regular file is, in words. */
function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws a UserFileError unless `stats` are a regular file's of at most `maxBytes`. */
function refuseUnlessRegular(stats: fs.Stats, file: string, what: string, maxBytes: number): void {
  if (!stats.isFile()) throw new UserFileError(file, what, `is ${kindOf(stats)}, not a file`);
  if (stats.size > maxBytes) throw new UserFileError(file, what, `is ${stats.size} bytes, more than the ${maxBytes} DistQ reads`);
}

/** Throws a UserFileError unless `file` is a regular file of at most `maxBytes`; returns its size. */
export function checkUserFile(file: string, what: string, maxBytes = MAX_USER_FILE_BYTES): number {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    throw new UserFileError(file, what, describeAccessError(error));
  }
  refuseUnlessRegular(stats, file, what, maxBytes);
  return stats.size;
}

/**
 * The whole file, after checkUserFile. It is opened non-blocking and checked again on the open
 * descriptor, so a file swapped for a FIFO between the two checks cannot block the read.
 */
export function readUserFile(file: string, what: string, maxBytes = MAX_USER_FILE_BYTES): Buffer {
  checkUserFile(file, what, maxBytes);
  let handle: number;
  try {
    handle = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new UserFileError(file, what, describeAccessError(error));
  }
  try {
    const stats = fs.fstatSync(handle);
    refuseUnlessRegular(stats, file, what, maxBytes);
    const contents = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < contents.length) {
      const read = fs.readSync(handle, contents, filled, contents.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === contents.length ? contents : contents.subarray(0, filled);
  } finally {
    fs.closeSync(handle);
  }
}

export function readUserTextFile(file: string, what: string, maxBytes = MAX_USER_FILE_BYTES): string {
  return readUserFile(file, what, maxBytes).toString('utf8');
}

function describeAccessError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'does not exist';
    case 'ENOTDIR': return 'does not exist (a folder on its path is a file)';
    case 'EACCES':
    case 'EPERM': return 'cannot be read (permission denied)';
    case 'EISDIR': return 'is a directory, not a file';
    case 'ELOOP': return 'is a symbolic link loop';
    default: return `cannot be read (${code ?? (error as Error).message})`;
  }
}
