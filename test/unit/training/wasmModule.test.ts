import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeModule, instruction as op, signedLeb128, unsignedLeb128, ValueType } from '../../../engine/training/optim/wasmModule.ts';

describe('WebAssembly module encoder', () => {
  it('writes LEB128 as the specification does', () => {
    assert.deepEqual(unsignedLeb128(0), [0x00]);
    assert.deepEqual(unsignedLeb128(127), [0x7f]);
    assert.deepEqual(unsignedLeb128(128), [0x80, 0x01]);
    assert.deepEqual(unsignedLeb128(624485), [0xe5, 0x8e, 0x26]);
    assert.deepEqual(unsignedLeb128(0xffffffff), [0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert.deepEqual(signedLeb128(0), [0x00]);
    assert.deepEqual(signedLeb128(63), [0x3f]);
    assert.deepEqual(signedLeb128(64), [0xc0, 0x00]);
    assert.deepEqual(signedLeb128(-1), [0x7f]);
    assert.deepEqual(signedLeb128(-64), [0x40]);
    assert.deepEqual(signedLeb128(-65), [0xbf, 0x7f]);
    assert.deepEqual(signedLeb128(-123456), [0xc0, 0xbb, 0x78]);
    assert.throws(() => unsignedLeb128(-1), RangeError);
    assert.throws(() => signedLeb128(2 ** 31), RangeError);
  });

  it('encodes SIMD opcodes ≥ 128 in two LEB128 bytes after the 0xFD prefix', () => {
    assert.deepEqual(op.f32x4Add, [0xfd, 0xe4, 0x01]);
    assert.deepEqual(op.f64x2Mul, [0xfd, 0xf2, 0x01]);
    assert.deepEqual(op.f64x2PromoteLowF32x4, [0xfd, 0x5f]);
    assert.throws(() => op.i8x16Shuffle([0, 1, 2]), RangeError);
    assert.throws(() => op.i8x16Shuffle(Array.from({ length: 16 }, () => 32)), RangeError);
  });

  it('builds a module that runs: f32x4 and f64x2 lanes over its exported memory', () => {
    // out[0..3] = in[0..3]·s in f32x4; out[4..7] = (in[0..1] promoted)·s in f64x2 as bytes 16..31.
    const body = [
      ...op.i32Const(16),
      ...op.i32Const(0),
      ...op.v128Load(0),
      ...op.localGet(0),
      ...op.f32x4Splat,
      ...op.f32x4Mul,
      ...op.v128Store(0),
      ...op.i32Const(0),
      ...op.i32Const(0),
      ...op.v128Load(0),
      ...op.f64x2PromoteLowF32x4,
      ...op.localGet(0),
      ...op.f64PromoteF32,
      ...op.f64x2Splat,
      ...op.f64x2Mul,
      ...op.v128Store(32),
    ];
    const bytes = encodeModule([{ name: 'scale', parameters: [ValueType.f32], locals: [ValueType.i32, ValueType.i32, ValueType.v128], body }], 1);
    assert.equal(WebAssembly.validate(bytes), true);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const memory = instance.exports.memory as WebAssembly.Memory;
    assert.equal(memory.buffer.byteLength, 65536);
    new Float32Array(memory.buffer, 0, 4).set([1.5, -2, 0.1, 3]);
    (instance.exports.scale as (factor: number) => void)(3);
    assert.deepEqual([...new Float32Array(memory.buffer, 16, 4)], [4.5, -6, Math.fround(Math.fround(0.1) * 3), 9]);
    assert.deepEqual([...new Float64Array(memory.buffer, 32, 2)], [4.5, -6]);
    assert.throws(() => memory.grow(1), RangeError, 'the memory has a fixed size');
  });
});
