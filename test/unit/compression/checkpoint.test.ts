/** The checkpoint codec: nested state with Float32Arrays round-trips exactly; damaged files fail with their name. */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeCheckpoint, encodeCheckpoint, readCheckpoint, writeCheckpoint } from '../../../engine/run/checkpoint.ts';
import { makeWorkspace, removeWorkspace, sameBits } from './runFixtures.ts';

function floats(length: number, seed: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin(seed * 7.3 + i * 1.7) * 10 ** ((i % 7) - 3));
}

/** Deep equality that compares Float32Arrays bit for bit. */
function assertSameState(actual: unknown, expected: unknown, where = 'state'): void {
  if (expected instanceof Float32Array) {
    assert.ok(actual instanceof Float32Array, `${where} is a Float32Array`);
    assert.ok(sameBits(actual, expected), `${where} has the same bits`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${where} is an array of ${expected.length}`);
    expected.forEach((x, i) => assertSameState((actual as unknown[])[i], x, `${where}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where} is an object`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where} keys`);
    for (const [k, v] of Object.entries(expected)) assertSameState((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
    return;
  }
  assert.equal(actual, expected, where);
}

describe('checkpoint codec', () => {
  const folder = makeWorkspace();
  after(() => removeWorkspace(folder));

  // A view into a larger buffer at an odd element offset: only its own elements may be written.
  const backing = floats(11, 9);
  const view = new Float32Array(backing.buffer, 3 * 4, 5);
  const special = new Float32Array([Number.NaN, Infinity, -Infinity, -0, 1e-45, 3.4028234663852886e38]);
  const state = {
    epoch: 3,
    name: 'run "α" / ü',
    parameters: { 'conv1.weight': floats(27, 1), 'conv1.bias': floats(3, 2), 'matcher/layer_0.weight': floats(1, 3), empty: new Float32Array(0) },
    optimizer: { kind: 'adam', parameters: { 'conv1.weight': { step: 7, buffers: { expAvg: floats(27, 4), expAvgSq: floats(27, 5) } } } },
    ranges: { frozen: false, observers: { input: { kind: 'movingAverageMinMax', min: -0.5, max: 1.25, count: 12 }, relu1_out: null } },
    nested: [[floats(5, 6), 'x', true], { deep: { deeper: [view, special] } }],
  };

  it('round-trips nested objects with Float32Arrays of odd lengths exactly', () => {
    const bytes = encodeCheckpoint(state);
    assert.equal(bytes.length % 4, 0, 'the arrays sit on 4-byte boundaries');
    assertSameState(decodeCheckpoint(bytes, 'memory'), state);
  });

  it('stores a subarray view by its own elements, not its backing buffer', () => {
    const decoded = decodeCheckpoint(encodeCheckpoint({ view }), 'memory') as { view: Float32Array };
    assert.equal(decoded.view.length, 5);
    assert.deepEqual(Array.from(decoded.view), Array.from(backing.subarray(3, 8)));
  });

  it('writes and reads a file, and the decoded arrays do not alias each other', () => {
    const file = path.join(folder, 'checkpoint.bin');
    writeCheckpoint(file, state);
    const read = readCheckpoint(file) as typeof state;
    assertSameState(read, state);
    read.parameters['conv1.bias'][0] = 42;
    assert.notEqual(read.optimizer.parameters['conv1.weight'].buffers.expAvg[0], 42);
    assert.deepEqual(fs.readdirSync(folder), ['checkpoint.bin'], 'no temporary file is left behind');
  });

  it('a truncated file says it is cut short and names the file', () => {
    const bytes = encodeCheckpoint(state);
    const file = path.join(folder, 'truncated.bin');
    for (const length of [bytes.length - 1, bytes.length - 100, 40]) {
      fs.writeFileSync(file, bytes.subarray(0, length));
      assert.throws(() => readCheckpoint(file), (error: Error) => error.message === `${file} is cut short`, `cut at ${length} of ${bytes.length}`);
    }
  });

  it('a file that is not a checkpoint, and a missing file, are named', () => {
    const file = path.join(folder, 'model.onnx');
    fs.writeFileSync(file, 'not a checkpoint at all');
    assert.throws(() => readCheckpoint(file), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a DistQ checkpoint`));
    assert.throws(() => readCheckpoint(path.join(folder, 'absent.bin')), /no checkpoint at .*absent\.bin/);
  });

  it('refuses a non-finite plain number, which JSON would silently turn into null', () => {
    assert.throws(() => encodeCheckpoint({ loss: Number.NaN }), /cannot hold the number NaN/);
  });
});
