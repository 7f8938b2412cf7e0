/** The .npy/.npz fixtures of test/fixtures/data and numpy's own values for them (expected.json). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NpyArray } from '../../../engine/data/npy.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/data');

export interface ExpectedArray {
  descr: string;
  shape: number[];
  values: (number | string)[];
}

export type ExpectedOutcome = ExpectedArray | { error: string };

export interface ExpectedFixtures {
  npy: Record<string, ExpectedOutcome>;
  npz: Record<string, Record<string, ExpectedArray> | { error: string }>;
}

export const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as ExpectedFixtures;

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

const DTYPE_OF_DESCR: Record<string, string> = {
  '<f4': 'float32', '<f8': 'float64', '<i8': 'int64', '<i4': 'int32', '<i2': 'int16', '|i1': 'int8',
  '|u1': 'uint8', '<u2': 'uint16', '|b1': 'bool',
};

/** Compares a parsed array with numpy's dtype, shape and values, exactly. */
export function assertMatchesNumpy(actual: NpyArray, want: ExpectedArray): void {
  assert.equal(actual.dtype, DTYPE_OF_DESCR[want.descr], `dtype for ${want.descr}`);
  assert.deepEqual([...actual.shape], want.shape);
  const values = Array.from(actual.data as ArrayLike<number | bigint>, (value) => value);
  const wanted = want.values.map((value) => (typeof value === 'string' ? BigInt(value) : value));
  assert.deepEqual(values, wanted);
}
