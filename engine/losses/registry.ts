/**
 * Every loss a config can name: where it may be used and how it is built. The config's loss enums
 * (distqConfig.ts) and the distillation plan's dispatch both read this table, so a new loss is its
 * own file and one entry here.
 */
import type { GraphBuilder } from '../onnx/builder.ts';
import { crossEntropyWithLabels } from './crossEntropy.ts';
import { klDivergenceWithTemperature } from './klDivergence.ts';
import { meanAbsoluteError } from './meanAbsoluteError.ts';
import { meanSquaredError, meanSquaredErrorWithLabels } from './meanSquaredError.ts';
import { softCrossEntropy } from './softCrossEntropy.ts';

/** Student logits against integer class labels. */
export type LabelsLoss = (builder: GraphBuilder, logits: string, labels: string, classCount: number) => string;

/** A student tensor against a target of the same shape: the teacher's logits, a mapped teacher tensor, a deeper student tensor. */
export type PairLoss = (builder: GraphBuilder, student: string, target: string, temperature: number) => string;

/** Where a config names a loss: `lossTypes[0]`, `lossTypes[1]`, a layer mapping's or a self mapping's `loss`. */
export type PairRole = 'teacherOutputs' | 'layerMapping' | 'selfMapping';
export type LossRole = 'labels' | PairRole;

interface LossDefinition {
  /** One line for the config's IntelliSense. */
  description: string;
  /** Compares softmax distributions over the last axis (mapped tensors are flattened to [N, features] first), not values element by element. */
  comparesDistributions: boolean;
  labels?: LabelsLoss;
  teacherOutputs?: PairLoss;
  layerMapping?: PairLoss;
  selfMapping?: PairLoss;
}

export const LOSSES = {
  CE: { description: 'Cross-entropy: against the labels, or against the target\'s softmax at temperature T.', comparesDistributions: true, labels: crossEntropyWithLabels, teacherOutputs: softCrossEntropy, selfMapping: softCrossEntropy },
  MSE: { description: 'Mean squared error: of the logits (or mapped tensors), or of the softmax against one-hot labels.', comparesDistributions: false, labels: meanSquaredErrorWithLabels, teacherOutputs: meanSquaredError, layerMapping: meanSquaredError },
  KL: { description: 'KL divergence from the target\'s softmax at temperature T, multiplied by T².', comparesDistributions: true, teacherOutputs: klDivergenceWithTemperature, layerMapping: klDivergenceWithTemperature, selfMapping: klDivergenceWithTemperature },
  L1: { description: 'Mean absolute error.', comparesDistributions: false, layerMapping: meanAbsoluteError },
  L2: { description: 'Mean squared error of features.', comparesDistributions: false, selfMapping: meanSquaredError },
} as const satisfies Record<string, LossDefinition>;

type Losses = typeof LOSSES;
export type LossName = keyof Losses;
type WithRole<K extends LossName, R extends LossRole> = R extends keyof Losses[K] ? K : never;
/** The loss names usable in any of the roles `R`. */
export type LossNameFor<R extends LossRole> = { [K in LossName]: WithRole<K, R> }[LossName];

const definitions: Readonly<Record<string, LossDefinition>> = LOSSES;

/** The names usable in any of `roles`, in the table's order. */
export function lossNamesFor<R extends LossRole>(...roles: R[]): LossNameFor<R>[] {
  return Object.keys(LOSSES).filter((name) => roles.some((role) => definitions[name]![role] !== undefined)) as LossNameFor<R>[];
}

/** Each of those names' description, for the schema's enum descriptions. */
export function lossDescriptions<R extends LossRole>(...roles: R[]): Record<LossNameFor<R>, string> {
  return Object.fromEntries(lossNamesFor(...roles).map((name) => [name, definitions[name]!.description])) as Record<LossNameFor<R>, string>;
}

/** The loss against labels a config names, or undefined when `name` is not one. */
export function labelsLossNamed(name: string): LabelsLoss | undefined {
  return Object.hasOwn(definitions, name) ? definitions[name]!.labels : undefined;
}

export interface RegisteredPairLoss {
  build: PairLoss;
  comparesDistributions: boolean;
}

/** The loss between two tensors a config names for `role`, or undefined when `name` is not one for that role. */
export function pairLossNamed(role: PairRole, name: string): RegisteredPairLoss | undefined {
  const definition = Object.hasOwn(definitions, name) ? definitions[name]! : undefined;
  const build = definition?.[role];
  return definition && build ? { build, comparesDistributions: definition.comparesDistributions } : undefined;
}
