/**
 * Reads zip archives from memory (what .npz files are): the central directory, zip64 records,
 * stored (method 0) and deflated (method 8) members. Sizes come from the central directory, so
 * members written with data descriptors (flag bit 3) read the same as any other.
 */
import * as zlib from 'node:zlib';
import { DataFileError } from './errors.ts';
import { MAX_USER_FILE_BYTES } from '../util/userFile.ts';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; others are refused when extracted. */
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_EXTRA_FIELD = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_AES = 99;

/** Lists the archive's members from its central directory. */
export function readZipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (problem: string): never => {
    throw new DataFileError(file, problem);
  };
  const end = findEndRecord(view);
  if (end < 0) fail('not a zip archive (no end of central directory record)');
  let entryCount = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_END_LOCATOR) fail('zip64 end of central directory locator is missing');
    const record = safeNumber(view.getBigUint64(locator + 8, true), fail);
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_END_OF_CENTRAL_DIRECTORY) fail('zip64 end of central directory record is missing');
    entryCount = safeNumber(view.getBigUint64(record + 32, true), fail);
    directorySize = safeNumber(view.getBigUint64(record + 40, true), fail);
    directoryOffset = safeNumber(view.getBigUint64(record + 48, true), fail);
  }
  if (directoryOffset + directorySize > bytes.length) fail('the central directory lies beyond the end of the file (truncated?)');
  const entries: ZipEntry[] = [];
  let position = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (position + 46 > bytes.length || view.getUint32(position, true) !== CENTRAL_FILE_HEADER) fail(`central directory entry ${i} is damaged`);
    const flags = view.getUint16(position + 8, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const nameBytes = bytes.subarray(position + 46, position + 46 + nameLength);
    const sizes = {
      uncompressedSize: view.getUint32(position + 24, true),
      compressedSize: view.getUint32(position + 20, true),
      localHeaderOffset: view.getUint32(position + 42, true),
    };
    applyZip64Extra(view, position + 46 + nameLength, extraLength, sizes, fail);
    entries.push({
      name: new TextDecoder(flags & FLAG_UTF8_NAME ? 'utf-8' : 'latin1').decode(nameBytes),
      method: view.getUint16(position + 10, true),
      flags,
      crc32: view.getUint32(position + 16, true),
      ...sizes,
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The member's uncompressed bytes, checked against its size and CRC-32. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (problem: string): never => {
    throw new DataFileError(file, `member '${entry.name}' ${problem}`);
  };
  if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || entry.method === METHOD_AES) {
    fail('is encrypted; DistQ reads only unencrypted archives');
  }
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_FILE_HEADER) fail('has no local file header where the directory points');
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (dataStart + entry.compressedSize > bytes.length) fail('reaches beyond the end of the file (truncated?)');
  const stored = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    data = stored;
  } else if (entry.method === 8) {
    if (entry.uncompressedSize > MAX_USER_FILE_BYTES) fail(`declares ${entry.uncompressedSize} bytes uncompressed, more than the ${MAX_USER_FILE_BYTES} DistQ reads`);
    try {
      // Bounded by the declared size, so a member that inflates far beyond it (a zip bomb) stops there.
      data = zlib.inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return fail(`inflates to more than the ${entry.uncompressedSize} bytes its directory declares`);
      return fail(`cannot be inflated: ${(error as Error).message}`);
    }
  } else {
    return fail(`uses compression method ${entry.method}; only stored (0) and deflated (8) are supported`);
  }
  if (data.length !== entry.uncompressedSize) fail(`has ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
  if (zlib.crc32(data) >>> 0 !== entry.crc32) fail('fails its CRC check (the archive is damaged)');
  return data;
}

/** The end record sits in the last 22 + 65535 bytes; search backwards past any comment. */
function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let position = view.byteLength - 22; position >= lowest; position--) {
    if (view.getUint32(position, true) === END_OF_CENTRAL_DIRECTORY) return position;
  }
  return -1;
}

/** The zip64 extra field holds, in this order, only the fields whose 32-bit slots read 0xFFFFFFFF. */
function applyZip64Extra(
  view: DataView,
  start: number,
  length: number,
  sizes: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number },
  fail: (problem: string) => never,
): void {
  for (let position = start; position + 4 <= start + length; ) {
    const id = view.getUint16(position, true);
    const size = view.getUint16(position + 2, true);
    if (id === ZIP64_EXTRA_FIELD) {
      let field = position + 4;
      for (const key of ['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const) {
        if (sizes[key] !== 0xffffffff) continue;
        if (field + 8 > position + 4 + size) fail('zip64 extra field is too short');
        sizes[key] = safeNumber(view.getBigUint64(field, true), fail);
        field += 8;
      }
      return;
    }
    position += 4 + size;
  }
}

function safeNumber(value: bigint, fail: (problem: string) => never): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`zip64 size or offset ${value} is too large`);
  return Number(value);
}
