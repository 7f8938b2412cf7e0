/** compareLatency times two models in alternating rounds and reports each one's median. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { makeGraph, makeModel, makeNode, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';
import { compareLatency } from '../../../engine/runtime/latency.ts';

const WIDTH = 256;

/** `products` chained [8, 256] · [256, 256] products (none: an Identity). */
function chainModel(file: string, products: number): void {
  const nodes = products === 0
    ? [makeNode('Identity', ['x'], ['y'], 'identity')]
    : Array.from({ length: products }, (_, i) => makeNode('MatMul', [i === 0 ? 'x' : `h${i}`, 'w'], [i === products - 1 ? 'y' : `h${i + 1}`], `product${i}`));
  const initializers = products === 0 ? [] : [makeTensor('w', DataType.FLOAT, [WIDTH, WIDTH], new Float32Array(WIDTH * WIDTH).fill(1 / WIDTH))];
  writeModel(makeModel(makeGraph('chain', nodes, [makeValueInfo('x', DataType.FLOAT, [8, WIDTH])], [makeValueInfo('y', DataType.FLOAT, [8, WIDTH])], initializers)), file);
}

describe('compareLatency', () => {
  it('times both models the same number of runs and tells the slower one', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-latency-'));
    try {
      const light = path.join(folder, 'light.onnx');
      const heavy = path.join(folder, 'heavy.onnx');
      chainModel(light, 0);
      chainModel(heavy, 200);
      const feeds = { x: new ort.Tensor('float32', new Float32Array(8 * WIDTH).fill(1), [8, WIDTH]) };
      const [first, second] = await compareLatency([light, heavy], feeds, 8, { rounds: 3, runsPerRound: 4, warmup: 1 });
      assert.equal(first.runs, 12);
      assert.equal(second.runs, 12);
      assert.equal(first.batchSize, 8);
      // 200 products of 8×256×256 against one copy: orders of magnitude apart on any machine.
      assert.ok(second.medianMs > 5 * first.medianMs, `heavy ${second.medianMs} ms, light ${first.medianMs} ms`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
