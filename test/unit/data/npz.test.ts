import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { DataFileError } from '../../../engine/data/errors.ts';
import { loadNpz, parseNpz } from '../../../engine/data/npz.ts';
import { readZipEntries } from '../../../engine/data/zip.ts';
import { assertMatchesNumpy, expected, fixture, type ExpectedArray } from './fixtures.ts';

describe('loadNpz against numpy-written archives', () => {
  for (const [name, want] of Object.entries(expected.npz)) {
    if ('error' in want) {
      it(`refuses ${name}, naming the file and '${want.error}'`, () => {
        assert.throws(() => loadNpz(fixture(name)), (error: unknown) => {
          assert.ok(error instanceof DataFileError);
          assert.ok(error.message.startsWith(`${fixture(name)}: `), error.message);
          assert.ok(error.message.includes(want.error as string), error.message);
          return true;
        });
      });
      continue;
    }
    it(`reads every array of ${name} as numpy does`, () => {
      const arrays = loadNpz(fixture(name));
      assert.deepEqual([...arrays.keys()].sort(), Object.keys(want).sort());
      for (const [key, array] of arrays) assertMatchesNumpy(array, (want as Record<string, ExpectedArray>)[key]!);
    });
  }

  it('reads both stored (method 0) and deflated (method 8) members', () => {
    const methods = (name: string) => new Set(readZipEntries(fs.readFileSync(fixture(name)), name).map((entry) => entry.method));
    assert.deepEqual(methods('stored.npz'), new Set([0]));
    assert.deepEqual(methods('compressed.npz'), new Set([8]));
  });

  it('uses data descriptors and zip64 records where the fixtures say so', () => {
    assert.ok(readZipEntries(fs.readFileSync(fixture('descriptor.npz')), 'd').every((entry) => entry.flags & 0x08));
    const zip64 = fs.readFileSync(fixture('zip64.npz'));
    assert.equal(zip64.readUInt16LE(zip64.length - 22 + 10), 0xffff, 'the plain end record defers to zip64');
  });

  it('finds the end record behind an archive comment', () => {
    const bytes = fs.readFileSync(fixture('compressed.npz'));
    const comment = Buffer.from('written by a test');
    const withComment = Buffer.concat([bytes, comment]);
    withComment.writeUInt16LE(comment.length, bytes.length - 2);
    assert.deepEqual([...parseNpz(withComment, 'commented.npz').keys()].sort(), ['features', 'images', 'labels', 'scalar']);
  });

  it('names the damaged member when its CRC fails', () => {
    assert.throws(() => loadNpz(fixture('corrupt.npz')), /corrupt\.npz: member 'images\.npy' fails its CRC check/);
  });

  it('says a truncated archive is not a zip, naming it', () => {
    const bytes = fs.readFileSync(fixture('stored.npz'));
    assert.throws(() => parseNpz(bytes.subarray(0, bytes.length - 30), 'cut.npz'), /^DataFileError: cut\.npz: not a zip archive/);
  });
});
