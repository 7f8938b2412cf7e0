/**
 * Checkpoints: plain JSON with every Float32Array moved into one binary blob, in a
 * single file written to a temporary name and renamed, so a crash mid-write keeps
 * the previous checkpoint intact.
 *
 * Layout: 8-byte magic `DISTQCK1`, u32 JSON length (little endian), JSON (utf-8),
 * padding to 4 bytes, then the arrays' bytes in order.
 */
import * as fs from 'node:fs';
import { writeFileAtomic } from './atomicFile.ts';

const MAGIC = 'DISTQCK1';

type Encoded = { $f32: number; length: number } | Encoded[] | { [key: string]: Encoded } | string | number | boolean | null;

export function encodeCheckpoint(value: unknown): Uint8Array {
  const arrays: Float32Array[] = [];
  const encode = (v: unknown): Encoded => {
    if (v instanceof Float32Array) {
      arrays.push(v);
      return { $f32: arrays.length - 1, length: v.length };
    }
    if (Array.isArray(v)) return v.map(encode);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`a checkpoint cannot hold the number ${v}`);
    return v as Encoded;
  };
  const json = new TextEncoder().encode(JSON.stringify(encode(value)));
  const headerLength = 12 + json.length;
  const padded = Math.ceil(headerLength / 4) * 4;
  const total = padded + arrays.reduce((n, a) => n + a.byteLength, 0);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  let offset = padded;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return bytes;
}

export function decodeCheckpoint(bytes: Uint8Array, source: string): unknown {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error(`${source} is not a DistQ checkpoint`);
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw new Error(`${source} is cut short`);
  const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as Encoded;
  let offset = Math.ceil((12 + jsonLength) / 4) * 4;
  const arrays: Float32Array[] = [];
  const collect = (v: Encoded): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') {
      if ('$f32' in v && typeof v.$f32 === 'number') {
        const length = (v as { length: number }).length;
        if (offset + length * 4 > bytes.length) throw new Error(`${source} is cut short`);
        const copy = new Float32Array(length);
        new Uint8Array(copy.buffer).set(bytes.subarray(offset, offset + length * 4));
        arrays[v.$f32] = copy;
        offset += length * 4;
      } else Object.values(v).forEach(collect);
    }
  };
  collect(parsed);
  const decode = (v: Encoded): unknown => {
    if (Array.isArray(v)) return v.map(decode);
    if (v !== null && typeof v === 'object') {
      if ('$f32' in v && typeof v.$f32 === 'number') return arrays[v.$f32];
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
    }
    return v;
  };
  return decode(parsed);
}

export function writeCheckpoint(file: string, value: unknown): void {
  writeFileAtomic(file, encodeCheckpoint(value));
}

export function readCheckpoint(file: string): unknown {
  if (!fs.existsSync(file)) throw new Error(`no checkpoint at ${file}`);
  return decodeCheckpoint(fs.readFileSync(file), file);
}
