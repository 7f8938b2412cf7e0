/**
 * How much of each auxiliary head's self term reaches the backbone, step by step: none while the
 * head is at chance, rising linearly with its recent accuracy to all of it at
 * `selfBalance.headAccuracyForBackbone`. A head near chance has not found what its shallow
 * features say about the classes; its term then asks the early blocks to change for a target
 * they cannot reach, and on a trained student that only moves them away from what the later
 * blocks expect. The head keeps learning from its term in full, so it can earn its share.
 */
import type { AuxiliaryHead } from './distillationPlan.ts';
import { smoothedOverRecentSteps } from './selfTermWeights.ts';

/** The share of a head's gradient that reaches the backbone, from its accuracy (undefined before any step: none). */
export function backboneShare(headAccuracy: number | undefined, chance: number, fullAt: number): number {
  if (headAccuracy === undefined) return 0;
  if (fullAt <= chance) return 1;
  return Math.min(1, Math.max(0, (headAccuracy - chance) / (fullAt - chance)));
}

export class HeadBackboneShares {
  private readonly accuracies = new Map<string, number>();

  constructor(
    /** The heads whose gradient into the backbone is scaled (those with a share input). */
    private readonly heads: readonly AuxiliaryHead[],
    private readonly classCount: number,
    private readonly fullAt: number,
  ) {}

  /** Learns one step's accuracy of each head (component name → accuracy on the batch). */
  observe(batchAccuracies: Record<string, number>): void {
    for (const head of this.heads) {
      const value = batchAccuracies[head.component];
      if (value === undefined || !Number.isFinite(value)) continue;
      const previous = this.accuracies.get(head.component);
      this.accuracies.set(head.component, smoothedOverRecentSteps(previous, value));
    }
  }

  /** Each head's share for the next step, by component name. */
  shares(): Record<string, number> {
    return Object.fromEntries(this.heads.map((head) => [head.component, backboneShare(this.accuracies.get(head.component), 1 / this.classCount, this.fullAt)]));
  }
}
