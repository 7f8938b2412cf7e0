/**
 * Roles of a transformer's linear layers: from the names DistQ's builder and PyTorch's exporter
 * write, from the graph's structure when the names say nothing, none for other models, and in
 * the per-layer error report.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { computeLayerErrors } from '../../../engine/analysis/layerErrors.ts';
import { roleFromName } from '../../../engine/analysis/layerRoleNames.ts';
import { layerRoles } from '../../../engine/analysis/layerRoles.ts';
import { MNIST_SMALL_CNN } from '../../../engine/models/mnistModels.ts';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { buildTransformerClassifier, TRANSFORMER_ATTENTION_MASK, TRANSFORMER_INPUT_IDS } from '../../../engine/models/transformerBuilder.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { readModel } from '../../../engine/onnx/modelFile.ts';
import { int64Tensor } from '../../../engine/runtime/session.ts';

const torchFixtures = path.resolve(import.meta.dirname, '../../fixtures/torch');

/** The roles of every MatMul and Gemm in graph order; '-' where none. */
function linearRoles(model: Model): string[] {
  const roles = layerRoles(model.graph);
  return model.graph.nodes.filter((n) => n.opType === 'MatMul' || n.opType === 'Gemm').map((n) => roles.get(n.name) ?? '-');
}

/**
 * The same graph with names that say nothing, as older exporters write them: nodes
 * `MatMul_7`, every other tensor (initializers and the graph output too) a number.
 */
function withNumberedNames(model: Model): Model {
  const inputs = new Set(model.graph.inputs.map((i) => i.name));
  const numbers = new Map<string, string>();
  const rename = (name: string): string => {
    if (name === '' || inputs.has(name)) return name;
    if (!numbers.has(name)) numbers.set(name, String(numbers.size + 1000));
    return numbers.get(name)!;
  };
  const nodes = model.graph.nodes.map((node, i) => ({ ...node, name: `${node.opType}_${i}`, inputs: node.inputs.map(rename), outputs: node.outputs.map(rename) }));
  const initializers = new Map([...model.graph.initializers.values()].map((t) => [rename(t.name), { ...t, name: rename(t.name) }]));
  const outputs = model.graph.outputs.map((o) => ({ ...o, name: rename(o.name) }));
  return { ...model, graph: { ...model.graph, nodes, initializers, outputs, valueInfos: new Map() } };
}

const perLayer = (layer: number, roles: string[]): string[] => roles.map((role) => `layer ${layer} · ${role}`);
const ENCODER_LAYER = ['attention · query', 'attention · key', 'attention · value', 'attention · scores (Q·Kᵀ)', 'attention · context (probs·V)', 'attention · output projection', 'FFN intermediate', 'FFN output'];

const builderModel = buildTransformerClassifier({ name: 'roles', vocabularySize: 10, sequenceLength: 4, hiddenSize: 8, heads: 2, layers: 2, classes: 3 });
/** PyTorch 1.13's export of a Hugging Face-structured BERT classifier (test/fixtures/torch/README.md). */
const torchModels = ['transformer_opset14.onnx', 'transformer_opset17.onnx'].map((file) => ({ file, model: readModel(path.join(torchFixtures, file)) }));

describe('transformer layer roles', () => {
  it('names every linear layer of the builder\'s encoder from its names', () => {
    assert.deepEqual(linearRoles(builderModel), [...perLayer(0, ENCODER_LAYER), ...perLayer(1, ENCODER_LAYER), 'classifier']);
    assert.equal(layerRoles(builderModel.graph).get('layer1/attention/key/matmul'), 'layer 1 · attention · key');
  });

  for (const { file, model } of torchModels) {
    it(`names every linear layer of PyTorch's export (${file}), pooler included`, () => {
      assert.deepEqual(linearRoles(model), [...perLayer(0, ENCODER_LAYER), ...perLayer(1, ENCODER_LAYER), 'pooler', 'classifier']);
      assert.equal(layerRoles(model.graph).get('/bert/encoder/layer.1/attention/self/MatMul_1'), 'layer 1 · attention · context (probs·V)');
    });

    it(`finds the same roles from the structure when names say nothing (${file})`, () => {
      assert.deepEqual(linearRoles(withNumberedNames(model)), linearRoles(model));
    });
  }

  it('finds the builder\'s roles from the structure as well', () => {
    assert.deepEqual(linearRoles(withNumberedNames(builderModel)), linearRoles(builderModel));
  });

  it('takes the layer index from the structure when a name has none', () => {
    const nodes = builderModel.graph.nodes.map((node, i) => ({ ...node, name: `${node.name.replace(/^layer\d+\//, '')}#${i}` }));
    const unindexed = { ...builderModel, graph: { ...builderModel.graph, nodes } };
    assert.ok(nodes.some((n) => n.name.startsWith('attention/query/matmul#')));
    assert.deepEqual(linearRoles(unindexed), linearRoles(builderModel));
  });

  it('gives no roles in a model without attention', () => {
    assert.equal(layerRoles(buildSequentialModel(MNIST_SMALL_CNN).graph).size, 0);
    assert.equal(layerRoles(readModel(path.join(torchFixtures, 'mlp_opset17.onnx')).graph).size, 0);
  });

  it('reads the namings of Hugging Face models and leaves unknown names alone', () => {
    assert.deepEqual(roleFromName('/distilbert/transformer/layer.3/attention/q_lin/MatMul'), { role: 'attention · query', layer: 3 });
    assert.deepEqual(roleFromName('/distilbert/transformer/layer.3/attention/out_lin/MatMul'), { role: 'attention · output projection', layer: 3 });
    assert.deepEqual(roleFromName('/distilbert/transformer/layer.3/ffn/lin1/MatMul'), { role: 'FFN intermediate', layer: 3 });
    assert.deepEqual(roleFromName('/distilbert/transformer/layer.3/ffn/lin2/MatMul'), { role: 'FFN output', layer: 3 });
    assert.deepEqual(roleFromName('bert.encoder.layer.11.attention.output.dense.bias'), { role: 'attention · output projection', layer: 11 });
    assert.deepEqual(roleFromName('bert.encoder.layer.11.output.dense.bias'), { role: 'FFN output', layer: 11 });
    assert.deepEqual(roleFromName('/pre_classifier/Gemm'), { role: 'pooler' });
    assert.equal(roleFromName('onnx::MatMul_332'), undefined);
    assert.equal(roleFromName('/bert/embeddings/word_embeddings/Gather'), undefined);
  });

  it('writes the role into the per-layer error record, and none where it is unknown', async () => {
    const weighted = builderModel.graph.nodes.filter((n) => n.opType === 'MatMul' && builderModel.graph.initializers.has(n.inputs[1]!));
    const plan = { weights: weighted.map((n) => ({ tensor: n.inputs[1]!, node: n.name, channelAxis: 1, qmin: -127, qmax: 127 })), activations: [] };
    const dims = [2, 4];
    const batch = { [TRANSFORMER_INPUT_IDS]: int64Tensor(BigInt64Array.from([1n, 2n, 3n, 0n, 4n, 5n, 0n, 0n]), dims), [TRANSFORMER_ATTENTION_MASK]: int64Tensor(BigInt64Array.from([1n, 1n, 1n, 0n, 1n, 1n, 0n, 0n]), dims) };
    const report = await computeLayerErrors(builderModel, plan, [batch], { bins: 8 });
    assert.deepEqual(report.layers.map((l) => l.role), [...perLayer(0, ['attention · query', 'attention · key', 'attention · value', 'attention · output projection', 'FFN intermediate', 'FFN output']), ...perLayer(1, ['attention · query', 'attention · key', 'attention · value', 'attention · output projection', 'FFN intermediate', 'FFN output']), 'classifier']);
    const cnn = buildSequentialModel(MNIST_SMALL_CNN);
    const cnnPlan = { weights: [{ tensor: 'conv1.weight', node: 'conv1', channelAxis: 0, qmin: -127, qmax: 127 }], activations: [] };
    const cnnReport = await computeLayerErrors(cnn, cnnPlan, [], { bins: 8 });
    assert.ok(!('role' in cnnReport.layers[0]!), 'layers.json keeps its shape for other models');
  });
});
