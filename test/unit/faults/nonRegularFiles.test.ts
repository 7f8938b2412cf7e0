/**
 * Reading user files: a FIFO, a socket or a folder is refused before it is opened (so the engine's
 * describe, which the editor calls for every model a config names, cannot hang), sizes are bounded,
 * and labels the model has no class for are refused naming the built-in data set.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { describeModel } from '../../../engine/commands/describe.ts';
import { readUserFile } from '../../../engine/util/userFile.ts';
import { loadData } from '../../../engine/data/loadData.ts';
import { loadModelForTraining } from '../../../engine/models/loadStudentModel.ts';
import { checkLabelsInRange } from '../../../engine/models/labelRange.ts';
import { makeWorkspace, removeWorkspace, writeSequential } from '../compression/runFixtures.ts';

describe('files that are not regular files', () => {
  let folder: string;

  before(() => {
    folder = makeWorkspace();
  });
  after(() => removeWorkspace(folder));

  it("the engine's describe refuses a FIFO at once instead of waiting for a writer", async () => {
    const fifo = path.join(folder, 'model.onnx');
    const made = spawnSync('mkfifo', [fifo], { encoding: 'utf8' });
    assert.equal(made.status, 0, `mkfifo is needed for this case: ${made.error?.message ?? made.stderr}`);
    const started = performance.now();
    await assert.rejects(describeModel(fifo), { message: `model file ${fifo} is a FIFO (named pipe), not a file` });
    assert.ok(performance.now() - started < 2000);
  });

  it('a socket and a folder are named for what they are', async () => {
    const socket = path.join(folder, 'data.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      assert.throws(() => readUserFile(socket, 'data file'), { message: `data file ${socket} is a socket, not a file` });
    } finally {
      server.close();
    }
    assert.throws(() => readUserFile(folder, 'config file'), { message: `config file ${folder} is a directory, not a file` });
  });

  it('a file larger than the bound is refused with its size, and a file within it is read whole', () => {
    const file = path.join(folder, 'twenty.bin');
    fs.writeFileSync(file, Buffer.alloc(20, 7));
    assert.throws(() => readUserFile(file, 'model file', 10), { message: `model file ${file} is 20 bytes, more than the 10 DistQ reads` });
    assert.deepEqual(readUserFile(file, 'model file', 20), Buffer.alloc(20, 7));
  });

  it('labels outside the model\'s classes name the built-in data set, the label, its index and the class count', () => {
    const model = writeSequential(folder, 'five.onnx', { name: 'five', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: 5 }] });
    const data = loadData({ kind: 'mnist', trainCount: 64, testCount: 16 }, (p) => p);
    const index = data.train.labels.findIndex((label) => label >= 5);
    assert.throws(() => checkLabelsInRange(loadModelForTraining(model, undefined, undefined), data), {
      message: new RegExp(`^the built-in MNIST train set: label ${data.train.labels[index]} at index ${index} is outside the 5 classes of .*five\\.onnx`),
    });
  });
});
