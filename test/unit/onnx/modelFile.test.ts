import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onnx } from 'onnx-proto';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { readModel, writeModel } from '../../../engine/onnx/modelFile.ts';
import { encodeModel } from '../../../engine/onnx/protoCodec.ts';
import { checkModel } from '../../../engine/onnx/checker.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import * as ort from 'onnxruntime-node';

function temporaryFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'distq-onnx-'));
}

function smallModel() {
  const weight = makeTensor('w', DataType.FLOAT, [2, 3], Float32Array.from([1, 2, 3, 4, 5, 6]));
  const graph = makeGraph('g', [makeNode('Gemm', ['x', 'w'], ['y'], 'gemm', { transB: attr.int(1) })], [makeValueInfo('x', DataType.FLOAT, ['N', 3])], [makeValueInfo('y', DataType.FLOAT, ['N', 2])], [weight]);
  return makeModel(graph);
}

/** Writes a model whose initializer 'w' lives in an external file at `location`. */
function writeExternal(folder: string, location: string, dataFile: string): string {
  const proto = onnx.ModelProto.decode(encodeModel(smallModel()));
  const w = proto.graph!.initializer![0]!;
  fs.writeFileSync(dataFile, Buffer.from(new Float32Array([1, 2, 3, 4, 5, 6]).buffer));
  w.rawData = new Uint8Array();
  w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
  w.externalData = [{ key: 'location', value: location }, { key: 'offset', value: '0' }, { key: 'length', value: '24' }];
  const file = path.join(folder, 'model.onnx');
  fs.writeFileSync(file, onnx.ModelProto.encode(proto).finish());
  return file;
}

describe('reading and writing ONNX files', () => {
  it('round-trips a model and ONNX Runtime runs it', async () => {
    const file = path.join(temporaryFolder(), 'm.onnx');
    writeModel(smallModel(), file);
    const model = readModel(file);
    assert.deepEqual(model.graph.inputs[0]!.shape, ['N', 3]);
    assert.deepEqual(Array.from(model.graph.initializers.get('w')!.data as Float32Array), [1, 2, 3, 4, 5, 6]);
    const session = await createSession(model);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1, 1]), [1, 3]) });
    assert.deepEqual(Array.from(out.y!.data as Float32Array), [6, 15]);
  });

  it('reads external data inside the model folder', () => {
    const folder = temporaryFolder();
    const file = writeExternal(folder, 'weights.bin', path.join(folder, 'weights.bin'));
    assert.deepEqual(Array.from(readModel(file).graph.initializers.get('w')!.data as Float32Array), [1, 2, 3, 4, 5, 6]);
  });

  it('refuses external data that leaves the model folder', () => {
    const parent = temporaryFolder();
    const folder = path.join(parent, 'model');
    fs.mkdirSync(folder);
    const file = writeExternal(folder, '../outside.bin', path.join(parent, 'outside.bin'));
    assert.throws(() => readModel(file), /external data location '..\/outside.bin' leaves the model's folder/);
  });

  it('refuses absolute external data paths and links out of the folder', () => {
    const parent = temporaryFolder();
    const folder = path.join(parent, 'model');
    fs.mkdirSync(folder);
    const absolute = writeExternal(folder, path.join(parent, 'abs.bin'), path.join(parent, 'abs.bin'));
    assert.throws(() => readModel(absolute), /is absolute/);
    fs.symlinkSync(path.join(parent, 'abs.bin'), path.join(folder, 'link.bin'));
    const linked = writeExternal(folder, 'link.bin', path.join(parent, 'abs.bin'));
    assert.throws(() => readModel(linked), /links outside the model's folder/);
  });

  it('names the file of a malformed model', () => {
    const file = path.join(temporaryFolder(), 'broken.onnx');
    fs.writeFileSync(file, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    assert.throws(() => readModel(file), (error: Error) => error.message.includes(file) && /not a valid ONNX model/.test(error.message));
  });

  it('names the node, op type and opset of an unsupported op and lists the supported ones', () => {
    const model = smallModel();
    model.graph.nodes.push(makeNode('NonMaxSuppression', ['y'], ['z'], 'nms_1'));
    assert.throws(() => checkModel(model), (error: Error) => /node 'nms_1': op NonMaxSuppression \(opset 17\) is not supported\. Supported ops: .*Conv.*Gemm/.test(error.message));
  });

  it('names an unsupported opset', () => {
    const model = smallModel();
    model.opsetImports = [{ domain: '', version: 9 }];
    assert.throws(() => checkModel(model, { source: 'old.onnx' }), /old\.onnx: opset 9 is not supported; DistQ reads opsets 13 to/);
  });

  it('names a tensor read before it is defined', () => {
    const model = smallModel();
    model.graph.nodes.unshift(makeNode('Relu', ['y'], ['r'], 'early'));
    assert.throws(() => checkModel(model), /node 'early' \(Relu\) reads 'y', which is not defined before it/);
  });
});
