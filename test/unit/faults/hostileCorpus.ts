/**
 * The hostile inputs the CLI must refuse with one line: damaged and malicious ONNX models, .npz and
 * .npy files, configs, and files that are not files at all. Everything is generated into a folder at
 * test time from the committed tiny model, with a seeded generator so every run makes the same cases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { onnx } from 'onnx-proto';
import { SeededRandom } from '../../../engine/util/random.ts';
import type { CliCase } from './cliCaseRunner.ts';

export const TINY_MODEL = path.resolve(import.meta.dirname, '../../fixtures/workspace/tiny.onnx');

export interface HostileCase extends CliCase {
  /** `fail`: exit 1 with one line; `failOrSucceed`: that, or exit 0 (a bit flip in weights is still a model); `succeed`: exit 0. */
  expect: 'fail' | 'failOrSucceed' | 'succeed';
  /** What the one line must contain: the file, node or setting. */
  mentions: string[];
  /** Or, for fuzzed inputs whose damage lands anywhere, one of these (a file beside the config, a section's settings). */
  mentionsAny?: string[];
  /** A runs folder that must not exist afterwards. */
  runsFolder?: string;
}

const SECTIONS = ['name', 'model', 'data', 'training', 'quantization', 'output'];

interface Corpus {
  folder: string;
  cases: HostileCase[];
}

export function makeHostileCorpus(folder: string, seed = 12): Corpus {
  const random = new SeededRandom(seed);
  const cases: HostileCase[] = [];
  const file = (name: string, contents: Uint8Array | string): string => {
    const full = path.join(folder, name);
    fs.writeFileSync(full, contents);
    return full;
  };
  const model = fs.readFileSync(TINY_MODEL);
  fs.copyFileSync(TINY_MODEL, path.join(folder, 'tiny.onnx'));
  const describe = (name: string, target: string, expect: HostileCase['expect'] = 'fail', mentions = [target]): void => {
    cases.push({ name, argv: ['describe', target], expect, mentions });
  };

  // ONNX: truncations inside the graph, bit flips anywhere in the structure before the weights.
  for (let i = 0; i < 8; i++) {
    const cut = 1 + random.integer(model.length - 2);
    describe(`onnx truncated at ${cut}`, file(`truncated-${cut}.onnx`, model.subarray(0, cut)));
  }
  for (let i = 0; i < 8; i++) {
    const flipped = Buffer.from(model);
    const at = random.integer(Math.min(400, flipped.length));
    flipped[at]! ^= 1 << random.integer(8);
    describe(`onnx bit ${at} flipped`, file(`flipped-${i}.onnx`, flipped), 'failOrSucceed');
  }
  const edit = (name: string, change: (proto: onnx.ModelProto) => void): string => {
    const proto = onnx.ModelProto.decode(model);
    change(proto);
    return file(name, onnx.ModelProto.encode(proto).finish());
  };
  const graphOf = (proto: onnx.ModelProto): onnx.GraphProto => proto.graph as onnx.GraphProto;
  const firstWeight = (proto: onnx.ModelProto): onnx.TensorProto => graphOf(proto).initializer[0] as onnx.TensorProto;
  describe('huge dims', edit('huge-dims.onnx', (p) => void (firstWeight(p).dims = [1_000_000_000, 1_000_000_000])), 'fail', ['huge-dims.onnx', 'linear1.weight']);
  describe('negative dims', edit('negative-dims.onnx', (p) => void (firstWeight(p).dims = [-16, 784])), 'fail', ['negative-dims.onnx', 'linear1.weight']);
  describe('ConstantOfShape bomb', edit('bomb.onnx', (p) => {
    const graph = graphOf(p);
    graph.initializer.push(onnx.TensorProto.create({ name: 'bomb_shape', dims: [3], dataType: onnx.TensorProto.DataType.INT64, int64Data: [100_000, 100_000, 10] }));
    graph.initializer.push(onnx.TensorProto.create({ name: 'bomb_axes', dims: [2], dataType: onnx.TensorProto.DataType.INT64, int64Data: [0, 1] }));
    graph.node.push(onnx.NodeProto.create({ name: 'bomb', opType: 'ConstantOfShape', input: ['bomb_shape'], output: ['bomb_out'] }));
    graph.node.push(onnx.NodeProto.create({ name: 'bomb_sum', opType: 'ReduceSum', input: ['bomb_out', 'bomb_axes'], output: ['bomb_sum_out'], attribute: [onnx.AttributeProto.create({ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 })] }));
    graph.node.push(onnx.NodeProto.create({ name: 'bomb_add', opType: 'Add', input: ['logits_raw', 'bomb_sum_out'], output: ['logits'] }));
    (graph.node.find((n) => n.output?.[0] === 'logits') as onnx.NodeProto).output = ['logits_raw'];
    // The Add is now last but was pushed after the Gemm that feeds it, so the order stays topological.
  }), 'fail', ['bomb']);
  const external = (name: string, location: string, offset: string): string => {
    fs.writeFileSync(path.join(folder, `${name}.bin`), Buffer.alloc(16 * 784 * 4));
    return edit(`${name}.onnx`, (p) => {
      const weight = firstWeight(p);
      weight.rawData = new Uint8Array();
      weight.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
      weight.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: location }), onnx.StringStringEntryProto.create({ key: 'offset', value: offset })];
    });
  };
  describe('external data outside the folder', external('escape', '../../etc/passwd', '0'), 'fail', ['escape.onnx', '../../etc/passwd']);
  describe('external data at a negative offset', external('negative-offset', 'negative-offset.bin', '-64'), 'fail', ['negative-offset.onnx', 'linear1.weight', '-64']);
  describe('external data beyond the file', external('beyond', 'beyond.bin', '4096'), 'fail', ['beyond.onnx', 'linear1.weight']);

  // Not files: a device that never ends, a pipe that never opens, a folder.
  describe('/dev/zero as a model', '/dev/zero');
  describe('a directory as a model', folder);
  const fifo = path.join(folder, 'model.fifo');
  cases.push({ name: 'a FIFO as a model', argv: ['describe', fifo], expect: 'fail', mentions: [fifo] });

  // .npz and .npy files, read by `inspect --data` (an .npz with x_train, y_train, x_test, y_test).
  const inspect = (name: string, data: string, mentions = [data]): void => {
    cases.push({ name, argv: ['inspect', path.join(folder, 'tiny.onnx'), '--data', data], expect: 'fail', mentions });
  };
  const arrays = {
    // Every one of the model's 10 classes, so the data's class count is the model's.
    x_train: npy('<f4', [10, 1, 28, 28], Buffer.alloc(10 * 784 * 4)),
    y_train: npy('<i8', [10], Buffer.from(BigInt64Array.from({ length: 10 }, (_, i) => BigInt(i)).buffer)),
    x_test: npy('<f4', [2, 1, 28, 28], Buffer.alloc(2 * 784 * 4)),
    y_test: npy('<i8', [2], Buffer.from(new BigInt64Array([0n, 1n]).buffer)),
  };
  const good = zip(Object.entries(arrays).map(([name, data]) => ({ name: `${name}.npy`, data, deflate: false })));
  for (let i = 0; i < 4; i++) {
    const cut = 1 + random.integer(good.length - 2);
    inspect(`npz truncated at ${cut}`, file(`truncated-${cut}.npz`, good.subarray(0, cut)));
  }
  const crcFlipped = Buffer.from(good);
  crcFlipped[200]! ^= 0x10; // inside x_train's data, which is stored
  inspect('npz with a CRC mismatch', file('crc.npz', crcFlipped));
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  inspect('npz zip bomb (declared small)', file('bomb-small.npz', zip([{ name: 'x_train.npy', data: zeros, deflate: true, declaredSize: 1000 }])));
  inspect('npz zip bomb (declared huge)', file('bomb-huge.npz', zip([{ name: 'x_train.npy', data: zeros, deflate: true, declaredSize: 0xfffffffe }])));
  inspect('empty .npz', file('empty.npz', ''));
  inspect('random .npz', file('random.npz', Buffer.from(Array.from({ length: 512 }, () => random.integer(256)))));
  const lying = zip([
    { name: 'x_train.npy', data: npy('<f4', [1_000_000, 784], Buffer.alloc(64)), deflate: false },
    ...Object.entries(arrays).slice(1).map(([name, data]) => ({ name: `${name}.npy`, data, deflate: false })),
  ]);
  inspect('npy header that lies about its shape', file('lying.npz', lying), [path.join(folder, 'lying.npz'), 'x_train']);
  // ONNX Runtime warns about an unused initializer in its own coloured line on stderr unless told not to.
  const unused = edit('unused-initializer.onnx', (p) => void graphOf(p).initializer.push(onnx.TensorProto.create({ name: 'unused', dims: [1], dataType: onnx.TensorProto.DataType.FLOAT, floatData: [1] })));
  cases.push({ name: 'a model ONNX Runtime warns about', argv: ['inspect', unused, '--data', file('good.npz', good)], expect: 'succeed', mentions: [] });
  inspect('/dev/zero as data', '/dev/zero');
  inspect('a directory as data', path.join(folder, 'data-folder.npz'));
  fs.mkdirSync(path.join(folder, 'data-folder.npz'));

  // Configs, through `distq run`: each with its own runs folder, which must not appear.
  const config = (name: string, text: string, mentions: string[], expect: HostileCase['expect'] = 'fail'): void => {
    const runsFolder = path.join(folder, `runs-${name}`);
    const full = file(`${name}.distq.json`, text.replace('RUNS', runsFolder));
    const fuzzed = mentions.length === 0;
    cases.push({ name: `config ${name}`, argv: ['run', full], expect, mentions, mentionsAny: fuzzed ? [folder, ...SECTIONS.map((section) => `${section}.`)] : undefined, runsFolder });
  };
  const base = JSON.stringify({
    name: 'hostile', model: { path: 'tiny.onnx' }, data: { kind: 'mnist', trainCount: 64, testCount: 32 },
    training: { epochs: 1, batchSize: 32, evalBatchSize: 32, optimizer: { kind: 'sgd', learningRate: 0.01 } },
    quantization: { calibrationBatches: 1 }, output: { runsFolder: 'RUNS' },
  }, null, 2);
  const npzData = (name: string): string => `"data": { "kind": "npz", "path": "${name}", "trainInputs": "x_train", "trainLabels": "y_train", "testInputs": "x_test", "testLabels": "y_test" }`;
  for (let i = 0; i < 24; i++) config(`fuzzed-${i}`, mutate(base, random), [], 'failOrSucceed');
  // A BOM is accepted: the run gets past the config to the (missing) model, which it then names.
  config('bom', `\uFEFF${base.replace('tiny.onnx', 'missing.onnx')}`, ['missing.onnx']);
  config('proto-key', base.replace('"name"', '"__proto__": { "name": "x" }, "name"'), ['__proto__', 'is not a known setting']);
  config('constructor-key', base.replace('"epochs"', '"constructor": 1, "epochs"'), ['training.constructor', 'is not a known setting']);
  config('prototype-key', base.replace('"name"', '"prototype": {}, "name"'), ['prototype', 'is not a known setting']);
  config('infinite-number', base.replace('"batchSize": 32', '"batchSize": 1e999'), ['training.batchSize', 'finite number']);
  config('huge-batch', base.replace('"batchSize": 32', '"batchSize": 1000000000000'), ['training.batchSize']);
  config('model-is-a-directory', base.replace('tiny.onnx', '.'), ['is a directory']);
  config('model-is-dev-zero', base.replace('tiny.onnx', '/dev/zero'), ['/dev/zero']);
  config('labels-out-of-range', base.replace(/"data": \{[^}]*\}/, npzData('labels99.npz')), ['labels99.npz', 'label 99', 'index 2', '10 classes']);
  file('labels99.npz', zip(Object.entries({ ...arrays, y_train: npy('<i8', [10], Buffer.from(BigInt64Array.from({ length: 10 }, (_, i) => BigInt(i === 2 ? 99 : i)).buffer)) }).map(([name, data]) => ({ name: `${name}.npy`, data, deflate: false }))));
  config('empty-npz-data', base.replace(/"data": \{[^}]*\}/, npzData('empty.npz')), ['empty.npz', 'not an .npz archive']);
  config('random-npz-data', base.replace(/"data": \{[^}]*\}/, npzData('random.npz')), ['random.npz', 'not an .npz archive']);
  cases.push({ name: 'a directory as a config', argv: ['run', folder], expect: 'fail', mentions: [folder] });
  cases.push({ name: 'a FIFO as a config', argv: ['run', fifo], expect: 'fail', mentions: [fifo] });
  return { folder, cases };
}

/** One seeded mutation of a config text: a character deleted, inserted or replaced, or a value swapped. */
function mutate(text: string, random: SeededRandom): string {
  const at = random.integer(text.length);
  const replacements = ['1e999', '-1', '"x"', 'null', '[]', '{}', 'true', '0', '1e-999', '"../../x"'];
  switch (random.integer(4)) {
    case 0: return text.slice(0, at) + text.slice(at + 1);
    case 1: return text.slice(0, at) + '{}[],:"\\\u0000x9'[random.integer(12)] + text.slice(at);
    case 2: return text.slice(0, at) + String.fromCharCode(32 + random.integer(95)) + text.slice(at + 1);
    default: {
      const values = [...text.matchAll(/: ("[^"]*"|[0-9.e-]+)/g)];
      const value = values[random.integer(values.length)]!;
      const start = value.index + 2;
      return text.slice(0, start) + replacements[random.integer(replacements.length)] + text.slice(start + value[1]!.length);
    }
  }
}

/** An .npy file, format 1.0. */
function npy(descr: string, shape: number[], data: Uint8Array): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]);
}

interface ZipMember {
  name: string;
  data: Uint8Array;
  deflate: boolean;
  /** The uncompressed size the archive claims (a zip bomb lies); the real one by default. */
  declaredSize?: number;
}

/** A zip archive (what numpy.savez writes), with each member stored or deflated. */
function zip(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name);
    const stored = member.deflate ? zlib.deflateRawSync(member.data) : Buffer.from(member.data);
    const crc = zlib.crc32(member.data) >>> 0;
    const size = member.declaredSize ?? member.data.length;
    // The local header and the central directory entry share these fields, two bytes further on in the latter.
    const writeFields = (header: Buffer, methodAt: number): Buffer => {
      header.writeUInt16LE(member.deflate ? 8 : 0, methodAt);
      header.writeUInt32LE(crc, methodAt + 6);
      header.writeUInt32LE(stored.length, methodAt + 10);
      header.writeUInt32LE(size, methodAt + 14);
      header.writeUInt16LE(name.length, methodAt + 18);
      return header;
    };
    const local = writeFields(Buffer.alloc(30), 8);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const central = writeFields(Buffer.alloc(46), 10);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
