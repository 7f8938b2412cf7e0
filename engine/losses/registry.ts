/**
 * How each loss a config can name is built, role by role. Which losses exist and where a
 * config may name them is contracts/losses.ts; the types below make this table give a
 * builder for exactly the roles that table lists, so the two cannot drift.
 */
import type { GraphBuilder } from '../onnx/builder.ts';
import { LOSS_KINDS, lossKind, type LossName, type LossRole, type PairRole } from '../../contracts/losses.ts';
import { crossEntropyWithLabels } from './crossEntropy.ts';
import { klDivergenceWithTemperature } from './klDivergence.ts';
import { meanAbsoluteError } from './meanAbsoluteError.ts';
import { meanSquaredError, meanSquaredErrorWithLabels } from './meanSquaredError.ts';
import { softCrossEntropy } from './softCrossEntropy.ts';

/** Student logits against integer class labels. */
export type LabelsLoss = (builder: GraphBuilder, logits: string, labels: string, classCount: number) => string;

/** A student tensor against a target of the same shape: the teacher's logits, a mapped teacher tensor, a deeper student tensor. */
export type PairLoss = (builder: GraphBuilder, student: string, target: string, temperature: number) => string;

type BuilderFor<R extends LossRole> = R extends 'labels' ? LabelsLoss : PairLoss;
type RolesOf<K extends LossName> = (typeof LOSS_KINDS)[K]['roles'][number];
type LossBuilders = { readonly [K in LossName]: { readonly [R in RolesOf<K>]: BuilderFor<R> } };

const LOSS_BUILDERS: LossBuilders = {
  CE: { labels: crossEntropyWithLabels, teacherOutputs: softCrossEntropy, selfMapping: softCrossEntropy },
  MSE: { labels: meanSquaredErrorWithLabels, teacherOutputs: meanSquaredError, layerMapping: meanSquaredError },
  KL: { teacherOutputs: klDivergenceWithTemperature, layerMapping: klDivergenceWithTemperature, selfMapping: klDivergenceWithTemperature },
  L1: { layerMapping: meanAbsoluteError },
  L2: { selfMapping: meanSquaredError },
};

/** The builder of `name` in `role`, when the contracts table lists that role for it. */
function builderOf<R extends LossRole>(name: string, role: R): BuilderFor<R> | undefined {
  if (!lossKind(name)?.roles.includes(role)) return undefined;
  return (LOSS_BUILDERS[name as LossName] as Partial<Record<LossRole, BuilderFor<R>>>)[role];
}

/** The loss against labels a config names, or undefined when `name` is not one. */
export function labelsLossNamed(name: string): LabelsLoss | undefined {
  return builderOf(name, 'labels');
}

export interface RegisteredPairLoss {
  build: PairLoss;
  comparesDistributions: boolean;
}

/** The loss between two tensors a config names for `role`, or undefined when `name` is not one for that role. */
export function pairLossNamed(role: PairRole, name: string): RegisteredPairLoss | undefined {
  const build = builderOf(name, role);
  const kind = lossKind(name);
  return build && kind ? { build, comparesDistributions: kind.comparesDistributions } : undefined;
}
