/**
 * The New Config wizard's proposal for transformer pairs, over descriptions of real models:
 * encoder classifiers from the engine's builder, written to files and read back by the same
 * describe code the extension's engine runs, once with LayerNormalization and once with the
 * LayerNorm decomposed the way PyTorch exports it below opset 17.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeModel } from '../../../engine/commands/describe.ts';
import { buildTransformerClassifier, type TransformerClassifierSpec } from '../../../engine/models/transformerBuilder.ts';
import { attr, getFloat, makeFloatTensor, makeNode } from '../../../engine/onnx/builder.ts';
import type { Model, Node } from '../../../engine/onnx/ir.ts';
import { writeModel } from '../../../engine/onnx/modelFile.ts';
import type { ModelDescription } from '../../../contracts/engineProtocol.ts';
import { parseConfigText } from '../../../engine/config/loadConfig.ts';
import { layerMappingRule, proposeLayerMappings, teacherLayerFor, TRANSFORMER_MAPPING_RULE } from '../../../extension/configAuthoring/mappingProposal.ts';
import { newConfigText } from '../../../extension/configAuthoring/newConfigText.ts';
import { layerNormOutputs, transformerLayers } from '../../../extension/configAuthoring/transformerLayers.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-transformer-proposal-'));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

const common = { vocabularySize: 20, sequenceLength: 6, classes: 3 };
const teacherSpec: TransformerClassifierSpec = { ...common, name: 'teacher', hiddenSize: 16, heads: 2, layers: 4 };
const studentSpecs = {
  sameDepth: { ...common, name: 'student4', hiddenSize: 16, heads: 2, layers: 4 },
  halfDepthNarrow: { ...common, name: 'student2', hiddenSize: 8, heads: 2, layers: 2 },
  otherHeads: { ...common, name: 'student2_4heads', hiddenSize: 8, heads: 4, layers: 2 },
} satisfies Record<string, TransformerClassifierSpec>;

/** Writes the model and describes it as `distq describe` does. */
function described(model: Model, file: string): Promise<ModelDescription> {
  const modelPath = path.join(folder, file);
  writeModel(model, modelPath);
  return describeModel(modelPath);
}

/**
 * Replaces every LayerNormalization by the chain PyTorch exports below opset 17:
 * ReduceMean → Sub → Pow → ReduceMean → Add → Sqrt → Div → Mul → Add, with Constant nodes
 * for the exponent and epsilon among them, intermediate tensors numbered as older exporters
 * number them, and the last Add writing the LayerNorm's output.
 */
function decomposeLayerNorms(model: Model): Model {
  let counter = 100;
  const numbered = (): string => String(counter++);
  const nodes: Node[] = [];
  for (const node of model.graph.nodes) {
    if (node.opType !== 'LayerNormalization') {
      nodes.push(node);
      continue;
    }
    const [x, scale, bias] = node.inputs as [string, string, string];
    const prefix = `${node.name}/LayerNorm`;
    const step = (opType: string, inputs: string[], output: string = numbered(), attributes = {}): string => {
      nodes.push(makeNode(opType, inputs, [output], `${prefix}/${opType}_${counter}`, attributes));
      return output;
    };
    const constant = (value: number): string => step('Constant', [], numbered(), { value: attr.tensor(makeFloatTensor('', [value], [])) });
    const mean = step('ReduceMean', [x], numbered(), { axes: attr.ints([-1]) });
    const centred = step('Sub', [x, mean]);
    const squared = step('Pow', [centred, constant(2)]);
    const variance = step('ReduceMean', [squared], numbered(), { axes: attr.ints([-1]) });
    const deviation = step('Sqrt', [step('Add', [variance, constant(getFloat(node, 'epsilon', 1e-5))])]);
    const normalized = step('Div', [centred, deviation]);
    step('Add', [step('Mul', [normalized, scale]), bias], node.outputs[0]);
  }
  return { ...model, graph: { ...model.graph, nodes }, opsetImports: [{ domain: '', version: 14 }] };
}

let teacher: ModelDescription;
let students: Record<keyof typeof studentSpecs, ModelDescription>;
before(async () => {
  teacher = await described(buildTransformerClassifier(teacherSpec), 'teacher.onnx');
  students = {
    sameDepth: await described(buildTransformerClassifier(studentSpecs.sameDepth), 'student4.onnx'),
    halfDepthNarrow: await described(buildTransformerClassifier(studentSpecs.halfDepthNarrow), 'student2.onnx'),
    otherHeads: await described(buildTransformerClassifier(studentSpecs.otherHeads), 'student2_4heads.onnx'),
  };
});

const pairsOf = (mappings: ReturnType<typeof proposeLayerMappings>): string[] => mappings.map((m) => `${m.student} → ${m.teacher}`);

describe('config authoring: transformer layers of a description', () => {
  it('finds one layer per attention Softmax, with its attention probabilities and its last LayerNorm', () => {
    const layers = transformerLayers(teacher);
    assert.deepEqual(layers.map((l) => l.attentionProbs.name), ['layer0/attention/probs', 'layer1/attention/probs', 'layer2/attention/probs', 'layer3/attention/probs']);
    assert.deepEqual(layers.map((l) => l.output?.name), ['layer0/output', 'layer1/output', 'layer2/output', 'layer3/output']);
    assert.deepEqual(layers[0]!.attentionProbs.shape, ['N', 2, 6, 6]);
    assert.deepEqual(layers[0]!.output?.shape, ['N', 6, 16]);
  });

  it('finds nothing in a model without rank-4 Softmax outputs', () => {
    const mlp: ModelDescription = { ...teacher, tensors: teacher.tensors.map((t) => (t.producer === 'Softmax' ? { ...t, shape: ['N', 6] } : t)) };
    assert.deepEqual(transformerLayers(mlp), []);
  });

  it('recognises a LayerNorm decomposed into ReduceMean … Mul → Add, Constant nodes among it', async () => {
    const decomposed = await described(decomposeLayerNorms(buildTransformerClassifier(teacherSpec)), 'teacher_decomposed.onnx');
    assert.ok(!decomposed.tensors.some((t) => t.producer === 'LayerNormalization'));
    assert.ok(decomposed.tensors.some((t) => t.producer === 'Constant'));
    const normalized = layerNormOutputs(decomposed);
    assert.deepEqual([...normalized], [...layerNormOutputs(teacher)], 'the same tensors as the LayerNormalization ops wrote');
    assert.deepEqual(transformerLayers(decomposed).map((l) => l.output?.name), ['layer0/output', 'layer1/output', 'layer2/output', 'layer3/output']);
  });
});

describe('config authoring: transformer mapping proposal', () => {
  it('pairs every layer with the teacher layer at the same relative depth', () => {
    assert.deepEqual([0, 1, 2, 3].map((j) => teacherLayerFor(j, 4, 4)), [0, 1, 2, 3]);
    assert.deepEqual([0, 1].map((j) => teacherLayerFor(j, 2, 4)), [1, 3]);
    assert.deepEqual([0, 1, 2].map((j) => teacherLayerFor(j, 3, 4)), [0, 2, 3]);
    assert.deepEqual([0, 1, 2, 3].map((j) => teacherLayerFor(j, 4, 2)), [0, 0, 1, 1], 'a deeper student shares teacher layers');
  });

  it('maps a same-depth student layer by layer: outputs, attention probabilities, then the logits, MSE with weight 1', () => {
    const mappings = proposeLayerMappings(students.sameDepth, teacher);
    assert.deepEqual(pairsOf(mappings), [
      ...[0, 1, 2, 3].flatMap((i) => [`layer${i}/output → layer${i}/output`, `layer${i}/attention/probs → layer${i}/attention/probs`]),
      'logits → logits',
    ]);
    assert.ok(mappings.every((m) => m.loss === 'MSE' && m.weight === 1));
    assert.equal(layerMappingRule(mappings), TRANSFORMER_MAPPING_RULE);
  });

  it('maps a half-depth student with a smaller hidden size to every second teacher layer', () => {
    const mappings = proposeLayerMappings(students.halfDepthNarrow, teacher);
    assert.deepEqual(pairsOf(mappings), [
      'layer0/output → layer1/output', 'layer0/attention/probs → layer1/attention/probs',
      'layer1/output → layer3/output', 'layer1/attention/probs → layer3/attention/probs',
      'logits → logits',
    ]);
  });

  it('leaves out attention probabilities whose head counts differ, and the rule says so', () => {
    const mappings = proposeLayerMappings(students.otherHeads, teacher);
    assert.deepEqual(pairsOf(mappings), ['layer0/output → layer1/output', 'layer1/output → layer3/output', 'logits → logits']);
    const rule = layerMappingRule(mappings);
    assert.ok(rule.startsWith(TRANSFORMER_MAPPING_RULE));
    assert.match(rule, /2 of the 2 layer pairs have none because the shapes differ/);
  });

  it('proposes the same pairs when the LayerNorms are decomposed', async () => {
    const decomposedTeacher = await described(decomposeLayerNorms(buildTransformerClassifier(teacherSpec)), 'teacher_decomposed_for_pairs.onnx');
    const decomposedStudent = await described(decomposeLayerNorms(buildTransformerClassifier(studentSpecs.halfDepthNarrow)), 'student2_decomposed.onnx');
    assert.deepEqual(proposeLayerMappings(decomposedStudent, decomposedTeacher), proposeLayerMappings(students.halfDepthNarrow, teacher));
  });

  it('finds the layers of encoders exported by torch.onnx.export (opset 14 decomposes LayerNorm) and maps them', async () => {
    const fixtures = path.join(import.meta.dirname, '..', '..', 'fixtures', 'torch');
    for (const file of ['transformer_opset14.onnx', 'transformer_opset17.onnx']) {
      const exported = await describeModel(path.join(fixtures, file));
      const layers = transformerLayers(exported);
      assert.equal(layers.length, 2, file);
      assert.ok(layers.every((l) => l.output !== undefined && l.output.shape?.length === 3), `${file}: every layer has a [N, L, D] output`);
      const mappings = proposeLayerMappings(exported, exported);
      assert.deepEqual(mappings.map((m) => m.student), mappings.map((m) => m.teacher), file);
      assert.equal(mappings.length, 5, `${file}: two layer outputs, two attention probabilities and the logits`);
    }
  });

  it('writes the weights and the transformer rule into a config the engine accepts', () => {
    const mappings = proposeLayerMappings(students.halfDepthNarrow, teacher);
    const file = path.join(folder, 'student2.distq.json');
    const text = newConfigText({
      teacher: path.join(folder, 'teacher.onnx'), student: path.join(folder, 'student2.onnx'), data: { kind: 'mnist' },
      distillation: 'intermediate', precision: { weightBits: 8, activationBits: 8 }, file,
    }, { layerMappings: mappings }, { unavailable: 'not evaluated here' });
    const config = parseConfigText(text, file);
    assert.deepEqual(config.distillation?.layerMappings?.map((m) => [m.student, m.teacher, m.loss, m.weight]), mappings.map((m) => [m.student, m.teacher, 'MSE', 1]));
    const comments = text.split('\n').filter((l) => l.trim().startsWith('//')).map((l) => l.trim().slice(3)).join(' ');
    assert.ok(comments.includes(TRANSFORMER_MAPPING_RULE));
    assert.ok(!text.includes('"pairs"'), 'what a pair connects stays out of the config');
  });
});
