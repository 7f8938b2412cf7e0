/**
 * Reads .npy files as numpy writes them: format versions 1.0, 2.0 and 3.0, little-endian numeric
 * and bool dtypes, C order, any shape including () scalars. Everything else is refused by name.
 */
import * as os from 'node:os';
import { DataFileError, formatShape } from './errors.ts';
import { readUserFile } from '../util/userFile.ts';
import { parseNpyHeader, type HeaderValue, type NpyHeader } from './npyHeader.ts';

export type NpyDtype = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

export type NpyData = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

export interface NpyArray {
  readonly dtype: NpyDtype;
  /** [] for a 0-d scalar, [n] for a 1-D array. */
  readonly shape: readonly number[];
  /** Row-major values in their own buffer; bool arrays hold 0 and 1 in a Uint8Array. */
  readonly data: NpyData;
}

interface DtypeLayout {
  dtype: NpyDtype;
  itemSize: number;
  create: (buffer: ArrayBuffer, length: number) => NpyData;
}

/** The numpy type codes (after the byte-order character) DistQ reads. */
const LAYOUTS: Record<string, DtypeLayout> = {
  f4: { dtype: 'float32', itemSize: 4, create: (buffer, length) => new Float32Array(buffer, 0, length) },
  f8: { dtype: 'float64', itemSize: 8, create: (buffer, length) => new Float64Array(buffer, 0, length) },
  i1: { dtype: 'int8', itemSize: 1, create: (buffer, length) => new Int8Array(buffer, 0, length) },
  i2: { dtype: 'int16', itemSize: 2, create: (buffer, length) => new Int16Array(buffer, 0, length) },
  i4: { dtype: 'int32', itemSize: 4, create: (buffer, length) => new Int32Array(buffer, 0, length) },
  i8: { dtype: 'int64', itemSize: 8, create: (buffer, length) => new BigInt64Array(buffer, 0, length) },
  u1: { dtype: 'uint8', itemSize: 1, create: (buffer, length) => new Uint8Array(buffer, 0, length) },
  u2: { dtype: 'uint16', itemSize: 2, create: (buffer, length) => new Uint16Array(buffer, 0, length) },
  u4: { dtype: 'uint32', itemSize: 4, create: (buffer, length) => new Uint32Array(buffer, 0, length) },
  u8: { dtype: 'uint64', itemSize: 8, create: (buffer, length) => new BigUint64Array(buffer, 0, length) },
  b1: { dtype: 'bool', itemSize: 1, create: (buffer, length) => new Uint8Array(buffer, 0, length) },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function loadNpy(path: string): NpyArray {
  return parseNpy(readUserFile(path, 'data file'), path);
}

/** Parses the bytes of one .npy file; `file` (and `arrayName` inside an .npz) name it in errors. */
export function parseNpy(bytes: Uint8Array, file: string, arrayName?: string): NpyArray {
  const fail = (problem: string): never => {
    throw new DataFileError(file, problem, arrayName);
  };
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) fail('not an .npy file (the magic string \\x93NUMPY is missing)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated header');
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    return fail(`.npy format version ${major}.${bytes[7]} is not supported (1.0, 2.0 and 3.0 are)`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) fail(`truncated header (${headerLength} bytes announced)`);
  const headerBytes = bytes.subarray(headerStart, dataStart);
  // Versions 1 and 2 write the header in latin1; version 3 in utf8.
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
  const header = readHeader(headerText, fail);
  const layout = layoutOf(header.descr, fail);
  if (header.fortranOrder) {
    fail('fortran_order: True is not supported; save a C-ordered array instead (numpy.ascontiguousarray(a))');
  }
  if (header.shape.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) fail(`shape ${formatShape(header.shape)} is not valid`);
  const length = header.shape.reduce((product, dim) => product * dim, 1);
  const byteLength = length * layout.itemSize;
  if (dataStart + byteLength > bytes.length) {
    fail(`truncated data: shape ${formatShape(header.shape)} of ${layout.dtype} needs ${byteLength} bytes, the file has ${bytes.length - dataStart}`);
  }
  // A copy into a fresh buffer: aligned for the typed array, and independent of the file's bytes.
  const buffer = new ArrayBuffer(byteLength);
  new Uint8Array(buffer).set(bytes.subarray(dataStart, dataStart + byteLength));
  return { dtype: layout.dtype, shape: header.shape, data: layout.create(buffer, length) };
}

function readHeader(text: string, fail: (problem: string) => never): NpyHeader {
  try {
    return parseNpyHeader(text);
  } catch (error) {
    return fail((error as Error).message);
  }
}

function layoutOf(descr: HeaderValue, fail: (problem: string) => never): DtypeLayout {
  if (typeof descr !== 'string') {
    return fail('structured dtypes (records with named fields) are not supported; save each field as its own array');
  }
  const order = descr[0];
  const code = descr.slice(1);
  if (code === 'O') return fail(`object arrays ('${descr}') are not supported: they hold pickled Python objects; save a numeric array`);
  const layout = LAYOUTS[code];
  if (layout === undefined || (order !== '<' && order !== '|' && order !== '>')) {
    return fail(`unsupported dtype '${descr}'; supported: float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, bool`);
  }
  if (order === '>' && layout.itemSize > 1) return fail(`big-endian dtype '${descr}' is not supported; save it little-endian (a.astype('<${code}'))`);
  if (os.endianness() !== 'LE') return fail('reading .npy data needs a little-endian machine');
  return layout;
}
