import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { DataFileError } from '../../../engine/data/errors.ts';
import { loadNpy, parseNpy } from '../../../engine/data/npy.ts';
import { parseNpyHeader } from '../../../engine/data/npyHeader.ts';
import { assertMatchesNumpy, expected, fixture } from './fixtures.ts';

describe('loadNpy against numpy-written files', () => {
  const names = Object.keys(expected.npy);
  it('covers every listed dtype, versions 2 and 3, scalars, 1-D and the refused layouts', () => {
    for (const name of ['f4', 'f8', 'i8', 'i4', 'i2', 'u2', 'u1', 'i1', 'b1', 'v2', 'v3', 'scalar', 'vector', 'empty', 'fortran', 'object', 'bigendian', 'structured']) {
      assert.ok(names.includes(`${name}.npy`), name);
    }
  });
  for (const name of names) {
    const want = expected.npy[name]!;
    if ('error' in want) {
      it(`refuses ${name}, naming the file and '${want.error}'`, () => {
        assert.throws(() => loadNpy(fixture(name)), (error: unknown) => {
          assert.ok(error instanceof DataFileError);
          assert.ok(error.message.includes(fixture(name)), error.message);
          assert.ok(error.message.includes(want.error), error.message);
          return true;
        });
      });
    } else {
      it(`reads ${name} (${want.descr}, shape (${want.shape.join(', ')}))`, () => {
        assertMatchesNumpy(loadNpy(fixture(name)), want);
      });
    }
  }

  it('gives a 0-d scalar the empty shape and one value', () => {
    const scalar = loadNpy(fixture('scalar.npy'));
    assert.deepEqual(scalar.shape, []);
    assert.equal(scalar.data.length, 1);
  });

  it('reads from a buffer at an odd byte offset (the data is copied, aligned)', () => {
    const bytes = fs.readFileSync(fixture('f8.npy'));
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const array = parseNpy(shifted.subarray(3), 'shifted.npy');
    assertMatchesNumpy(array, expected.npy['f8.npy'] as never);
    assert.equal(array.data.byteOffset, 0);
  });

  it('names the array inside an archive in its errors', () => {
    const bytes = fs.readFileSync(fixture('fortran.npy'));
    assert.throws(() => parseNpy(bytes, 'archive.npz', 'weights'), /archive\.npz: array 'weights': fortran_order: True/);
  });

  it('refuses an unknown format version', () => {
    const bytes = new Uint8Array(fs.readFileSync(fixture('f4.npy')));
    bytes[6] = 4;
    assert.throws(() => parseNpy(bytes, 'v4.npy'), /v4\.npy: \.npy format version 4\.0 is not supported/);
  });
});

describe('parseNpyHeader', () => {
  it('reads the dict numpy writes, with a trailing comma and padding', () => {
    assert.deepEqual(parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }          \n"), {
      descr: '<f4',
      fortranOrder: false,
      shape: [2, 3],
    });
  });
  it('reads (n,) and () shapes and Python 2 longs', () => {
    assert.deepEqual(parseNpyHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }").shape, [5]);
    assert.deepEqual(parseNpyHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (), }").shape, []);
    assert.deepEqual(parseNpyHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (3L, 4L)}").shape, [3, 4]);
  });
  it('says which key is missing or malformed', () => {
    assert.throws(() => parseNpyHeader("{'descr': '<f4', 'shape': (2,)}"), /lacks one of/);
    assert.throws(() => parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': ('a',)}"), /'shape' is not a tuple of integers/);
    assert.throws(() => parseNpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,"), /cannot read the header/);
  });
});
