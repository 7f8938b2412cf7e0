/**
 * Gradients of what BERT-style ONNX graphs contain: LayerNormalization (fused and as the
 * decomposed subgraph older exporters write), Gelu and Erf, Gather at opsets before and
 * after 16 (embeddings, the pooler's hidden[:, 0]), and the masked attention pattern.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, GraphBuilder, makeGraph, makeModel, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import type { Graph, Tensor } from '../../../engine/onnx/ir.ts';
import { inferShapes } from '../../../engine/onnx/shapeInference.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';
import { createSession, toOrtTensor } from '../../../engine/runtime/session.ts';
import { SeededRandom } from '../../../engine/util/random.ts';
import { centralDifference, checkGradients } from '../../support/gradientCheck.ts';
import { assertShapesMatchOrt, exactGradients } from '../../support/singleNode.ts';

const indices = (values: number[], dims: number[]) => ({ dims, values, dataType: 'int64' as const });

describe('LayerNormalization gradient (finite differences)', () => {
  for (const opset of [17, 18]) {
    it(`last axis, X, scale and bias (float64, opset ${opset})`, async () => {
      const report = await checkGradients({ opType: 'LayerNormalization', opset, inputs: [{ dims: [2, 3, 4] }, { dims: [4] }, { dims: [4] }], attributes: { epsilon: attr.float(1e-3) } });
      assert.ok(report.checked > 0);
    });
  }
  it('axis 1 normalizes the last two axes; no bias (float64)', async () => {
    await checkGradients({ opType: 'LayerNormalization', inputs: [{ dims: [2, 3, 4] }, { dims: [3, 4] }], attributes: { axis: attr.int(1) } });
  });
  it('a per-sequence scale and bias of rank 3, broadcast as ONNX Runtime allows at axis 2 (float64)', async () => {
    await checkGradients({ opType: 'LayerNormalization', inputs: [{ dims: [2, 3, 4] }, { dims: [2, 1, 4] }, { dims: [2, 1, 4] }], attributes: { axis: attr.int(2) } });
  });
  it('gradients flowing into Mean and InvStdDev too (float32: the statistics have stash_type float)', async () => {
    await checkGradients({ opType: 'LayerNormalization', precision: 'float32', inputs: [{ dims: [3, 5] }, { dims: [5] }, { dims: [5] }], outputCount: 3, maxElementsPerInput: 15 });
  });
  it('infers Y, Mean and InvStdDev as ONNX Runtime produces them, the statistics in float for double X', async () => {
    const x = { dims: [2, 3, 4], values: Array.from({ length: 24 }, (_, i) => Math.sin(i)) };
    await assertShapesMatchOrt({ opType: 'LayerNormalization', inputs: [x, { dims: [3, 4], values: new Array<number>(12).fill(1) }], attributes: { axis: attr.int(-2) }, outputCount: 3 });
  });
  it('is refused before opset 17', async () => {
    await assert.rejects(checkGradients({ opType: 'LayerNormalization', opset: 16, inputs: [{ dims: [2, 3] }, { dims: [3] }] }), /from opset 17/);
  });
});

describe('Gelu and Erf gradients (finite differences)', () => {
  it("Gelu approximate 'tanh' (float64)", async () => {
    await checkGradients({ opType: 'Gelu', opset: 20, inputs: [{ dims: [3, 5], range: [-3, 3] }], attributes: { approximate: attr.string('tanh') } });
  });
  it("Gelu approximate 'none' (float32: ONNX Runtime has no double Erf)", async () => {
    await checkGradients({ opType: 'Gelu', opset: 20, precision: 'float32', inputs: [{ dims: [3, 5], range: [-3, 3] }] });
  });
  it('Erf (float32: ONNX Runtime has no double Erf)', async () => {
    await checkGradients({ opType: 'Erf', precision: 'float32', inputs: [{ dims: [3, 5], range: [-2, 2] }] });
  });
  it('Gelu is refused before opset 20, where it is not a default-domain op', async () => {
    await assert.rejects(checkGradients({ opType: 'Gelu', opset: 17, inputs: [{ dims: [3] }] }), /Gelu.*from opset 20/);
  });
  it('an unknown approximation is refused with a message naming the node', async () => {
    await assert.rejects(checkGradients({ opType: 'Gelu', opset: 20, inputs: [{ dims: [3] }], attributes: { approximate: attr.string('erf') } }), /op_under_test.*'none' or 'tanh'/);
  });
});

describe('embedding Gather gradient before and after opset 16', () => {
  // Rows 2 and 0 are read twice, row 3 once (as −1), row 1 never: the gradient must accumulate.
  const repeated = indices([0, 2, 2, 3, 0, -1], [2, 3]);
  for (const opset of [13, 15, 17]) {
    it(`2-D table, axis 0, repeated indices (float64, opset ${opset})`, async () => {
      await checkGradients({ opType: 'Gather', opset, inputs: [{ dims: [4, 3] }, { ...repeated, constant: true }] });
    });
  }
  it('indices fed at run time and a scalar index (float32, opset 13)', async () => {
    await checkGradients({ opType: 'Gather', opset: 13, precision: 'float32', inputs: [{ dims: [5, 2] }, indices([4, 0, 4], [3])] });
    await checkGradients({ opType: 'Gather', opset: 13, precision: 'float32', inputs: [{ dims: [5, 2] }, { ...indices([3], []), constant: true }] });
  });
  it('sums repeated rows exactly at opset 13 and 17, the same way', async () => {
    const table = { dims: [4, 2], values: [0, 0, 0, 0, 0, 0, 0, 0] };
    const picks = { dims: [4], values: [2, 0, 2, -2], dataType: DataType.INT64, constant: true };
    const weights = [1, 2, 3, 4, 5, 6, 7, 8];
    const expected = [3, 4, 0, 0, 1 + 5 + 7, 2 + 6 + 8, 0, 0];
    for (const opset of [13, 17]) {
      const [dTable] = await exactGradients({ opType: 'Gather', inputs: [table, picks], opset }, [0], weights);
      assert.deepEqual(dTable, expected, `opset ${opset}`);
    }
  });
  it('builds the opset-13 gradient from OneHot and MatMul, the opset-16 one from ScatterND', () => {
    const opsOfGradient = (opset: number): string[] => {
      const graph = makeGraph('g', [], [makeValueInfo('table', DataType.FLOAT, [6, 2]), makeValueInfo('ids', DataType.INT64, ['N', 3])], []);
      const b = new GraphBuilder(graph, 'fwd');
      const loss = b.op('ReduceSum', [b.op('Gather', ['table', 'ids'])], { keepdims: attr.int(0) });
      const before = graph.nodes.length;
      buildGradientGraph(graph, { loss, parameters: ['table'], opset });
      return graph.nodes.slice(before).map((n) => n.opType);
    };
    const early = opsOfGradient(13);
    assert.ok(early.includes('OneHot') && early.includes('MatMul') && !early.includes('ScatterND'), early.join(', '));
    const late = opsOfGradient(16);
    assert.ok(late.includes('ScatterND') && !late.includes('OneHot'), late.join(', '));
  });
  for (const opset of [13, 17]) {
    it(`3-D data gathered along axis 1 at a scalar index, as a pooler reads position 0 (float64, opset ${opset})`, async () => {
      await checkGradients({ opType: 'Gather', opset, inputs: [{ dims: [2, 4, 3] }, { ...indices([0], []), constant: true }], attributes: { axis: attr.int(1) } });
    });
    it(`3-D data gathered along the last axis at repeated 2-D indices (float64, opset ${opset})`, async () => {
      await checkGradients({ opType: 'Gather', opset, inputs: [{ dims: [2, 3, 4] }, { ...indices([3, 0, 3, -1], [2, 2]), constant: true }], attributes: { axis: attr.int(-1) } });
    });
  }
  it('emits no identity Transpose: the pooler\'s Gather along axis 1 scatters dY as it is', () => {
    const graph = makeGraph('g', [], [makeValueInfo('hidden', DataType.FLOAT, ['N', 3, 2])], []);
    const b = new GraphBuilder(graph, 'fwd');
    const pooled = b.op('Gather', ['hidden', b.int64Constant('first', [0], [])], { axis: attr.int(1) });
    const loss = b.op('ReduceSum', [pooled], { keepdims: attr.int(0) });
    const before = graph.nodes.length;
    buildGradientGraph(graph, { loss, parameters: ['hidden'], opset: 17 });
    const transposes = graph.nodes.slice(before).filter((n) => n.opType === 'Transpose');
    assert.deepEqual(transposes.map((n) => n.attributes.get('perm')), [{ kind: 'ints', value: [1, 0, 2] }], 'only the move of the gathered axis back');
  });
});

interface SubgraphInput {
  dims: number[];
  /** Explicit values; otherwise uniform in [-1, 1). */
  values?: number[];
  dataType?: 'float' | 'int64' | 'bool';
  /** An initializer rather than a graph input (never differentiated). */
  constant?: boolean;
}

/**
 * Finite-difference check of a whole subgraph, as checkGradients does for one node:
 * loss = Σ Y · R (R fixed random), every float graph input checked element by element.
 */
async function checkSubgraphGradients(inputs: Record<string, SubgraphInput>, build: (b: GraphBuilder, floatType: DataType) => string, options: { precision?: 'float64' | 'float32'; opset?: number } = {}): Promise<number> {
  const precision = options.precision ?? 'float64';
  const opset = options.opset ?? 17;
  const floatType = precision === 'float64' ? DataType.DOUBLE : DataType.FLOAT;
  const [epsilon, rtol, atol] = precision === 'float64' ? [1e-6, 1e-3, 1e-7] : [1e-2, 1e-2, 2e-3];
  const random = new SeededRandom(11);
  const graph = makeGraph('subgraph', [], [], []);
  const feeds = new Map<string, Tensor>();
  const differentiable: string[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    const count = input.dims.reduce((a, b) => a * b, 1);
    const values = input.values ?? Array.from({ length: count }, () => random.next() * 2 - 1);
    const dataType = input.dataType === 'int64' ? DataType.INT64 : input.dataType === 'bool' ? DataType.BOOL : floatType;
    const tensor = makeTensor(name, dataType, input.dims, dataType === DataType.INT64 ? values.map((v) => BigInt(v)) : values);
    if (input.constant) {
      graph.initializers.set(name, tensor);
      continue;
    }
    graph.inputs.push(makeValueInfo(name, dataType, input.dims));
    feeds.set(name, tensor);
    if (dataType === floatType) differentiable.push(name);
  }
  const b = new GraphBuilder(graph, 'fwd');
  const output = build(b, floatType);
  const outputShape = inferShapes(graph, opset).get(output)?.shape;
  assert.ok(outputShape && outputShape.every((d) => typeof d === 'number'), `the subgraph's output needs a static shape, got ${JSON.stringify(outputShape)}`);
  const count = (outputShape as number[]).reduce((x, y) => x * y, 1);
  const r = b.constant('r', makeTensor('', floatType, outputShape as number[], Array.from({ length: count }, () => random.next() * 2 - 1)));
  const loss = b.op('ReduceSum', [b.op('Mul', [output, r])], { keepdims: attr.int(0) });
  const forward: Graph = { ...graph, nodes: [...graph.nodes], initializers: new Map(graph.initializers), outputs: [makeValueInfo(loss, floatType, [])] };
  const { gradients } = buildGradientGraph(graph, { loss, parameters: differentiable, opset });
  graph.outputs = differentiable.map((name) => makeValueInfo(gradients.get(name) ?? assert.fail(`no gradient for ${name}`), floatType));
  const opsets = [{ domain: '', version: opset }];
  const gradientSession = await createSession(makeModel(graph, opsets));
  const forwardSession = await createSession(makeModel(forward, opsets));
  const ortFeeds = () => Object.fromEntries([...feeds].map(([n, t]) => [n, toOrtTensor(t)]));
  const analytic = await gradientSession.run(ortFeeds());
  const lossAt = async (): Promise<number> => Number((await forwardSession.run(ortFeeds()))[loss]!.data[0]);
  let checked = 0;
  for (const name of differentiable) {
    const data = feeds.get(name)!.data as Float64Array | Float32Array;
    const grad = analytic[gradients.get(name)!]!.data as Float64Array | Float32Array;
    for (let j = 0; j < data.length; j++) {
      const numeric = await centralDifference(data, j, epsilon, lossAt);
      const a = grad[j]!;
      assert.ok(Math.abs(a - numeric) <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)), `d loss / d ${name}[${j}]: analytic ${a} vs finite difference ${numeric}`);
      checked += 1;
    }
  }
  return checked;
}

describe('transformer subgraphs (finite differences through existing rules)', () => {
  for (const opset of [13, 17]) {
    it(`the pooler: position 0 of the last hidden state, then a dense layer (float64, opset ${opset})`, async () => {
      // hidden[:, 0] as exporters write it (Gather axis 1, scalar index), then Gemm with transB.
      // ONNX Runtime fuses a Transpose after a Gemm as if it swapped the axes, whatever its perm:
      // an identity Transpose between the Gemm gradient and the scatter gave a [D, N] update.
      const checked = await checkSubgraphGradients({ hidden: { dims: [3, 4, 2] }, weight: { dims: [5, 2] } }, (b) => {
        const first = b.op('Gather', ['hidden', b.int64Constant('first', [0], [])], { axis: attr.int(1) });
        return b.op('Tanh', [b.op('Gemm', [first, 'weight'], { transB: attr.int(1) })]);
      }, { opset });
      assert.equal(checked, 3 * 4 * 2 + 5 * 2);
    });
  }

  for (const opset of [13, 18]) {
    it(`the decomposed LayerNorm older exporters write (float64, opset ${opset})`, async () => {
      // ReduceMean → Sub → Pow 2 → ReduceMean → Add ε → Sqrt → Div → Mul γ → Add β
      const checked = await checkSubgraphGradients({ x: { dims: [2, 3, 4] }, gamma: { dims: [4] }, beta: { dims: [4] } }, (b, floatType) => {
        const mean = (t: string): string => (opset >= 18 ? b.op('ReduceMean', [t, b.int64Constant('axes', [-1])]) : b.op('ReduceMean', [t], { axes: attr.ints([-1]) }));
        const centred = b.op('Sub', ['x', mean('x')]);
        const variance = mean(b.op('Pow', [centred, b.floatConstant('two', [2], [], floatType)]));
        const std = b.op('Sqrt', [b.op('Add', [variance, b.floatConstant('eps', [1e-5], [], floatType)])]);
        return b.op('Add', [b.op('Mul', [b.op('Div', [centred, std]), 'gamma']), 'beta']);
      }, { opset });
      assert.equal(checked, 24 + 4 + 4);
    });
  }

  const [batch, heads, length, depth] = [2, 2, 3, 4];
  const float32 = { precision: 'float32' } as const;
  /**
   * Scores Q·Kᵀ/√D with K broadcast over the batch, masked by Where, Softmax, then ·V. In float32:
   * ONNX Runtime's graph optimizer fuses the batched MatMul gradients' Transpose into FusedMatMul,
   * which has only a float kernel.
   */
  const attention = (b: GraphBuilder, keep: string): string => {
    const scores = b.op('Mul', [b.op('MatMul', ['q', 'kT']), b.floatConstant('scale', [1 / Math.sqrt(depth)])]);
    const masked = b.op('Where', [keep, scores, b.floatConstant('masked', [-1e4])]);
    return b.op('MatMul', [b.op('Softmax', [masked], { axis: attr.int(-1) }), 'v']);
  };
  const qkv = {
    q: { dims: [batch, heads, length, depth] },
    kT: { dims: [1, heads, depth, length] },
    v: { dims: [batch, heads, length, depth] },
  };
  it('attention with a causal bool mask as a constant initializer (float32)', async () => {
    const causal = Array.from({ length: length * length }, (_, k) => (k % length <= Math.floor(k / length) ? 1 : 0));
    const checked = await checkSubgraphGradients({ ...qkv, causal: { dims: [1, 1, length, length], values: causal, dataType: 'bool', constant: true } }, (b) => attention(b, 'causal'), float32);
    assert.equal(checked, 2 * batch * heads * length * depth + heads * depth * length);
  });
  it('attention with a padding mask from Equal on an int64 attention_mask input (float32)', async () => {
    // The second sequence has its last position padded; Equal(mask, 1) keeps the rest.
    const checked = await checkSubgraphGradients({ ...qkv, attentionMask: { dims: [batch, length], values: [1, 1, 1, 1, 1, 0], dataType: 'int64' } }, (b) => {
      const keep = b.op('Equal', [b.op('Unsqueeze', ['attentionMask', b.int64Constant('axes', [1, 2])]), b.int64Constant('one', [1], [])]);
      return attention(b, keep);
    }, float32);
    assert.ok(checked > 0);
  });
});
