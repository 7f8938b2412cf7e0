/**
 * The losses a config can name, and where: the config schema's enums, the engine's loss
 * builders (engine/losses/registry.ts, checked against this table by its types) and the
 * editor's shape checks all read this table. A new loss is its own file in engine/losses/,
 * one entry here and its builders in the engine's registry.
 */

/** Where a config names a loss: `lossTypes[0]` (labels), `lossTypes[1]` (teacher outputs), a layer mapping's or a self mapping's `loss`. */
export type LossRole = 'labels' | 'teacherOutputs' | 'layerMapping' | 'selfMapping';
/** The roles that compare two tensors (not logits against labels). */
export type PairRole = Exclude<LossRole, 'labels'>;

export interface LossKind {
  /** One line for the config's IntelliSense. */
  readonly description: string;
  /** Compares softmax distributions over the last axis (mapped tensors are flattened to [N, features] first), not values element by element. */
  readonly comparesDistributions: boolean;
  readonly roles: readonly LossRole[];
}

export const LOSS_KINDS = {
  CE: { description: 'Cross-entropy: against the labels, or against the target\'s softmax at temperature T.', comparesDistributions: true, roles: ['labels', 'teacherOutputs', 'selfMapping'] },
  MSE: { description: 'Mean squared error: of the logits (or mapped tensors), or of the softmax against one-hot labels.', comparesDistributions: false, roles: ['labels', 'teacherOutputs', 'layerMapping'] },
  KL: { description: 'KL divergence from the target\'s softmax at temperature T, multiplied by T².', comparesDistributions: true, roles: ['teacherOutputs', 'layerMapping', 'selfMapping'] },
  L1: { description: 'Mean absolute error.', comparesDistributions: false, roles: ['layerMapping'] },
  L2: { description: 'Mean squared error of features.', comparesDistributions: false, roles: ['selfMapping'] },
} as const satisfies Record<string, LossKind>;

export type LossName = keyof typeof LOSS_KINDS;
/** The loss names usable in role `R`. */
export type LossNameFor<R extends LossRole> = { [K in LossName]: R extends (typeof LOSS_KINDS)[K]['roles'][number] ? K : never }[LossName];

const kinds: Readonly<Record<string, LossKind>> = LOSS_KINDS;

/** The loss kind a name stands for, or undefined for a name that is not a loss (or `__proto__`). */
export function lossKind(name: string): LossKind | undefined {
  return Object.hasOwn(kinds, name) ? kinds[name] : undefined;
}

/** The names usable in any of `roles`, in the table's order. */
export function lossNamesFor<R extends LossRole>(...roles: R[]): LossNameFor<R>[] {
  return Object.keys(LOSS_KINDS).filter((name) => roles.some((role) => kinds[name]!.roles.includes(role))) as LossNameFor<R>[];
}

/** Each of those names' description, for the schema's enum descriptions. */
export function lossDescriptions<R extends LossRole>(...roles: R[]): Record<LossNameFor<R>, string> {
  return Object.fromEntries(lossNamesFor(...roles).map((name) => [name, kinds[name]!.description])) as Record<LossNameFor<R>, string>;
}
