import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { differentiableOpTypes, gradientFreeOpTypes } from '../../../engine/autodiff/registry.ts';
import { findShapeFunction } from '../../../engine/onnx/shapes/registry.ts';

function listedBetween(text: string, marker: string): string[] {
  const match = new RegExp(`<!-- ${marker}:start -->([\\s\\S]*?)<!-- ${marker}:end -->`).exec(text);
  assert.ok(match, `docs/gradients.md has the ${marker} list`);
  return match[1]!.split(',').map((s) => s.trim()).filter(Boolean);
}

describe('gradient registry', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/gradients.md'), 'utf8');

  it('docs/gradients.md lists exactly the ops with a gradient rule', () => {
    assert.deepEqual(listedBetween(doc, 'ops-with-gradient'), differentiableOpTypes());
  });

  it('docs/gradients.md lists exactly the ops registered without a gradient', () => {
    assert.deepEqual(listedBetween(doc, 'ops-without-gradient'), gradientFreeOpTypes());
  });

  it('covers every op the engine issue names', () => {
    const required = ['Gemm', 'MatMul', 'Add', 'Sub', 'Mul', 'Div', 'Neg', 'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Clip', 'Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization', 'Flatten', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Concat', 'Slice', 'Identity', 'Dropout', 'Softmax', 'LogSoftmax', 'ReduceMean', 'ReduceSum', 'Pow', 'Sqrt', 'Exp', 'Log', 'Cast'];
    const have = new Set(differentiableOpTypes());
    assert.deepEqual(required.filter((op) => !have.has(op)), []);
  });

  it('every op with a rule has a shape function', () => {
    for (const op of [...differentiableOpTypes(), ...gradientFreeOpTypes()]) {
      const [domain, opType] = op.includes(':') ? op.split(':') as [string, string] : ['', op];
      assert.ok(findShapeFunction(domain, opType), `${op} has a shape function`);
    }
  });
});
