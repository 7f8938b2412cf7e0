/** Where quantization goes (engine/quantization/placement.ts), on small graphs built by hand. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, makeGraph, makeNode, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import type { Graph, Node } from '../../../engine/onnx/ir.ts';
import { placeQuantization, QUANTIZABLE_OP_TYPES, type QuantizationPlacement } from '../../../engine/quantization/placement.ts';
import { capScaleToUpperBound } from '../../../engine/quantization/scheme.ts';

const conv = (name: string, input: string, output: string): Node => makeNode('Conv', [input, `${name}.w`, `${name}.b`], [output], name, { kernel_shape: attr.ints([1, 1]) });
const weightsOf = (nodes: Node[]) => nodes.filter((n) => n.opType === 'Conv').flatMap((n) => [makeTensor(n.inputs[1]!, DataType.FLOAT, [2, 2, 1, 1], [1, 0, 0, 1]), makeTensor(n.inputs[2]!, DataType.FLOAT, [2], [0, 0])]);

function graphOf(nodes: Node[], outputs: string[], extra: ReturnType<typeof makeTensor>[] = []): Graph {
  return makeGraph('g', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 2, 4, 4])], outputs.map((o) => makeValueInfo(o, DataType.FLOAT)), [...weightsOf(nodes), ...extra]);
}

function place(graph: Graph, exclude: string[] = [], opTypes: readonly string[] = QUANTIZABLE_OP_TYPES): QuantizationPlacement {
  const weightTensors = new Set([...graph.initializers.keys()].filter((n) => n.endsWith('.w') || n.endsWith('.b')));
  return placeQuantization(graph, { opTypes, exclude, weightTensors });
}

const summary = (p: QuantizationPlacement): Record<string, string> => Object.fromEntries([
  ...p.activations.map((a) => [a.tensor, `${a.atProducer ? 'producer' : 'readers'}: ${a.reads.map((r) => `${r.node}#${r.input}`).join(' ')}${a.upperBound === undefined ? '' : ` ≤ ${a.upperBound}`}`]),
  ...p.shared.map((s) => [s.tensor, `grid of ${s.source}: ${s.reads.map((r) => `${r.node}#${r.input}`).join(' ')}`]),
]);

describe('quantization placement', () => {
  it('quantizes a Conv output after the Relu that alone reads it, and carries it through MaxPool and Flatten', () => {
    const nodes = [conv('c1', 'x', 'c1.out'), makeNode('Relu', ['c1.out'], ['r1'], 'relu1'), makeNode('MaxPool', ['r1'], ['p1'], 'pool1', { kernel_shape: attr.ints([2, 2]) }),
      conv('c2', 'p1', 'c2.out'), makeNode('Flatten', ['c2.out'], ['f'], 'flatten'), makeNode('Gemm', ['f', 'fc.w', 'fc.b'], ['logits'], 'fc', { transB: attr.int(1) })];
    const placement = place(graphOf(nodes, ['logits'], [makeTensor('fc.w', DataType.FLOAT, [3, 8], new Float32Array(24)), makeTensor('fc.b', DataType.FLOAT, [3], new Float32Array(3))]));
    assert.deepEqual(placement.integerNodes, ['c1', 'c2', 'fc']);
    assert.deepEqual(summary(placement), {
      x: 'readers: c1#0',
      r1: 'producer: pool1#0',
      'c2.out': 'producer: flatten#0',
      p1: 'grid of r1: c2#0',
      f: 'grid of c2.out: fc#0',
    });
    assert.deepEqual(placement.weights.map((w) => `${w.tensor}@${w.channelAxis}`), ['c1.w@0', 'c2.w@0', 'fc.w@0']);
  });

  it('runs a residual Add on integers and a bias Add with a constant operand in float', () => {
    const nodes = [conv('c1', 'x', 'c1.out'), makeNode('Relu', ['c1.out'], ['r1'], 'relu1'), conv('c2', 'r1', 'c2.out'),
      makeNode('Add', ['c2.out', 'r1'], ['sum'], 'residual'), makeNode('Relu', ['sum'], ['r2'], 'relu2'), makeNode('Add', ['r2', 'bias'], ['y'], 'bias_add')];
    const placement = place(graphOf(nodes, ['y'], [makeTensor('bias', DataType.FLOAT, [1], [0.5])]));
    assert.deepEqual(placement.integerNodes, ['c1', 'c2', 'residual']);
    assert.deepEqual(summary(placement), {
      x: 'readers: c1#0',
      r1: 'producer: c2#0 residual#1',
      'c2.out': 'producer: residual#0',
      r2: 'producer: bias_add#0',
    });
  });

  it('absorbs a Clip(0, 6) with its bound, leaves excluded nodes float and keeps float readers of a tensor no integer op produced', () => {
    const nodes = [makeNode('Relu', ['x'], ['a'], 'relu_in'), conv('c1', 'a', 'c1.out'), makeNode('Clip', ['c1.out', 'zero', 'six'], ['r6'], 'relu6'),
      conv('c2', 'r6', 'c2.out'), makeNode('Tanh', ['a'], ['side'], 'side'), conv('c3', 'c2.out', 'y')];
    const placement = place(graphOf(nodes, ['y', 'side'], [makeTensor('zero', DataType.FLOAT, [], [0]), makeTensor('six', DataType.FLOAT, [], [6])]), ['c3']);
    assert.deepEqual(placement.integerNodes, ['c1', 'c2']);
    assert.deepEqual(summary(placement), {
      a: 'readers: c1#0',
      r6: 'producer: c2#0 ≤ 6',
      'c2.out': 'producer: c3#0',
    });
    assert.deepEqual(placement.weights.map((w) => w.tensor), ['c1.w', 'c2.w']);
  });

  it('carries every output of a Split on its input\'s grid, so the Concat after it runs on integers', () => {
    const nodes = [conv('c1', 'x', 'c1.out'), makeNode('Split', ['c1.out'], ['left', 'right'], 'split', { axis: attr.int(1) }),
      conv('c2', 'right', 'c2.out'), makeNode('Concat', ['left', 'c2.out'], ['y'], 'concat', { axis: attr.int(1) })];
    const placement = place(graphOf(nodes, ['y']));
    assert.deepEqual(placement.integerNodes, ['c1', 'c2', 'concat']);
    assert.deepEqual(summary(placement), {
      x: 'readers: c1#0',
      'c1.out': 'producer: split#0',
      'c2.out': 'producer: concat#1',
      left: 'grid of c1.out: concat#0',
      right: 'grid of c1.out: c2#0',
    });
  });

  it('follows quantization.opTypes: without Add the residual stays float', () => {
    const nodes = [conv('c1', 'x', 'c1.out'), conv('c2', 'c1.out', 'c2.out'), makeNode('Add', ['c2.out', 'c1.out'], ['y'], 'residual')];
    const placement = place(graphOf(nodes, ['y']), [], ['Conv']);
    assert.deepEqual(placement.integerNodes, ['c1', 'c2']);
    assert.equal(summary(placement)['c2.out'], 'producer: residual#0');
  });
});

describe('capScaleToUpperBound', () => {
  it('lowers a scale by float32 steps until s·(qmax − z) ≤ M in float32, and keeps one that fits', () => {
    const scale = Math.fround(6 / 255);
    const capped = capScaleToUpperBound(scale * 1.0000005, 0, 255, 6);
    assert.ok(Math.fround(capped * 255) <= 6);
    assert.ok(capped <= Math.fround(scale * 1.0000005));
    assert.equal(capScaleToUpperBound(0.01, 0, 255, 6), Math.fround(0.01));
  });
});
