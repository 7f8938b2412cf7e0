/** The loss registry is what the config schema offers and what the distillation plan builds, role by role. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { GraphBuilder, makeGraph, makeModel, makeValueInfo } from '../../../engine/onnx/builder.ts';
import type { ValueInfo } from '../../../engine/onnx/ir.ts';
import { createSession } from '../../../engine/runtime/session.ts';
import { distqJsonSchema } from '../../../engine/config/jsonSchema.ts';
import { effectiveDistillation } from '../../../engine/config/effectiveSections.ts';
import type { DistillationConfig } from '../../../engine/config/distqConfig.ts';
import { planDistillation, teacherInputName } from '../../../engine/distillation/distillationPlan.ts';
import { lowerDistqOps } from '../../../engine/quantization/lowerDistqOps.ts';
import { LABELS_INPUT } from '../../../engine/training/trainingGraph.ts';
import { labelsLossNamed, pairLossNamed } from '../../../engine/losses/registry.ts';
import { LOSS_KINDS, lossNamesFor, type LossRole, type PairRole } from '../../../contracts/losses.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

const N = 4;
const C = 5;
const TEMPERATURE = 2;
const random = new SeededRandom(5);
const values = (): Float32Array => Float32Array.from({ length: N * C }, () => random.normal() * 2);
const feeds: Record<string, ort.Tensor> = {
  s: new ort.Tensor('float32', values(), [N, C]),
  d: new ort.Tensor('float32', values(), [N, C]),
  [teacherInputName('t')]: new ort.Tensor('float32', values(), [N, C]),
  [LABELS_INPUT]: new ort.Tensor('int64', BigInt64Array.from([0, 3, 4, 1].map(BigInt)), [N]),
};
const inputs = (): ValueInfo[] => Object.keys(feeds).map((name) => makeValueInfo(name, name === LABELS_INPUT ? DataType.INT64 : DataType.FLOAT, [N, C].slice(0, name === LABELS_INPUT ? 1 : 2)));

/** The value at a path of the generated JSON Schema. */
function schemaAt(keys: string[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], distqJsonSchema());
}

async function evaluate(build: (builder: GraphBuilder) => string): Promise<number> {
  const graph = makeGraph('loss', [], inputs(), []);
  const loss = build(new GraphBuilder(graph, 'l'));
  graph.outputs = [makeValueInfo(loss, DataType.FLOAT, [])];
  const model = makeModel(graph);
  lowerDistqOps(model);
  const session = await createSession(model);
  const value = Number((await session.run(feeds, [loss]))[loss]!.data[0]);
  await session.release();
  return value;
}

/** A distillation section naming `name` for `role`, and the component of the plan it becomes. */
function usingLoss(role: LossRole, name: string): { section: Partial<DistillationConfig>; component: string } {
  switch (role) {
    case 'labels':
      return { section: { kind: 'none', lossTypes: [name as 'CE', 'KL'] }, component: 'labels' };
    case 'teacherOutputs':
      return { section: { kind: 'kd', lossTypes: ['CE', name as 'CE'] }, component: 'kd' };
    case 'layerMapping':
      return { section: { kind: 'intermediate', layerMappings: [{ student: 's', teacher: 't', loss: name as 'MSE' }] }, component: 'layer s' };
    case 'selfMapping':
      return { section: { kind: 'self', selfMappings: [{ shallow: 's', deep: 'd', loss: name as 'KL', auxiliaryHead: false }] }, component: 'self s' };
  }
}

/** The registry's own loss on the same tensors, built directly. */
function directly(role: LossRole, name: string): (builder: GraphBuilder) => string {
  if (role === 'labels') return (builder) => labelsLossNamed(name)!(builder, 's', LABELS_INPUT, C);
  const target: Record<PairRole, string> = { teacherOutputs: teacherInputName('t'), layerMapping: teacherInputName('t'), selfMapping: 'd' };
  return (builder) => pairLossNamed(role, name)!.build(builder, 's', target[role], TEMPERATURE);
}

const ROLES: LossRole[] = ['labels', 'teacherOutputs', 'layerMapping', 'selfMapping'];

describe('loss registry', () => {
  it('the schema offers exactly the registry\'s losses for each place a config names one', () => {
    const distillation = ['properties', 'distillation', 'properties'];
    assert.deepEqual(schemaAt([...distillation, 'lossTypes', 'items', 'enum']), lossNamesFor('labels', 'teacherOutputs'));
    assert.deepEqual(schemaAt([...distillation, 'layerMappings', 'items', 'properties', 'loss', 'enum']), lossNamesFor('layerMapping'));
    assert.deepEqual(schemaAt([...distillation, 'selfMappings', 'items', 'properties', 'loss', 'enum']), lossNamesFor('selfMapping'));
    assert.deepEqual(lossNamesFor('labels'), ['CE', 'MSE']);
    assert.deepEqual(lossNamesFor('teacherOutputs'), ['CE', 'MSE', 'KL']);
  });

  it('every registered loss has a place in a config', () => {
    for (const name of Object.keys(LOSS_KINDS)) assert.ok(ROLES.some((role) => (lossNamesFor(role) as string[]).includes(name)), name);
  });

  for (const role of ROLES) {
    for (const name of lossNamesFor(role)) {
      it(`the distillation plan builds ${name} as ${role === 'labels' ? 'the labels loss' : `a ${role} loss`}`, async () => {
        const { section, component } = usingLoss(role, name);
        const view = { path: 'model.onnx', logits: 's', shapes: new Map(['s', 'd', 't'].map((t) => [t, makeValueInfo(t, DataType.FLOAT, ['N', C])])) };
        const plan = planDistillation({ distillation: effectiveDistillation({ ...section, temperature: TEMPERATURE }, true), student: view, teacher: { ...view, logits: 't' }, classCount: C, seed: 0 });
        const planned = await evaluate((builder) => plan.addLosses(builder, builder.graph).find((c) => c.name === component)!.tensor);
        const expected = await evaluate(directly(role, name));
        assert.ok(Number.isFinite(planned) && Math.abs(planned - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `${planned} vs ${expected}`);
      });
    }
  }

  it('a loss named where it does not belong is refused with the ones that do', () => {
    const view = { path: 'model.onnx', logits: 's', shapes: new Map([['s', makeValueInfo('s', DataType.FLOAT, ['N', C])]]) };
    const plan = planDistillation({ distillation: effectiveDistillation({ kind: 'none', lossTypes: ['KL', 'KL'] }, false), student: view, teacher: undefined, classCount: C, seed: 0 });
    const graph = makeGraph('loss', [], inputs(), []);
    assert.throws(() => plan.addLosses(new GraphBuilder(graph, 'l'), graph), /lossTypes\[0\]: 'KL' is not a loss against labels; use CE or MSE/);
  });
});
