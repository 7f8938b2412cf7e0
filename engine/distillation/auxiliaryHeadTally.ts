/**
 * Each auxiliary head's accuracy against the labels and its loss, summed over the training
 * batches since the last reading: the head's logits come out of every training step anyway,
 * so measuring them costs no extra pass. A head that stays near chance is not learning.
 */
import { argmaxRows } from '../training/evaluate.ts';
import type { StepResult } from '../training/trainStep.ts';
import type { AuxiliaryHeadMetrics } from '../../contracts/metricsRecord.ts';
import type { AuxiliaryHead } from './distillationPlan.ts';

export class AuxiliaryHeadTally {
  private examples = 0;
  private readonly correct = new Map<string, number>();
  private readonly lossSums = new Map<string, number>();

  constructor(private readonly heads: readonly AuxiliaryHead[], private readonly classCount: number) {}

  get isEmpty(): boolean {
    return this.examples === 0;
  }

  /** Adds one step: its heads' logits (among the step's extras) and losses, and the batch's labels. Returns each head's accuracy on this batch. */
  add(result: StepResult, labels: BigInt64Array, batchSize: number): Record<string, number> {
    const batchAccuracies: Record<string, number> = {};
    for (const head of this.heads) {
      const logits = result.extras[head.logits];
      if (!logits) continue;
      const predicted = argmaxRows(logits, batchSize, this.classCount);
      let correct = 0;
      for (let i = 0; i < batchSize; i++) if (BigInt(predicted[i]!) === labels[i]) correct += 1;
      batchAccuracies[head.component] = correct / Math.max(1, batchSize);
      this.correct.set(head.component, (this.correct.get(head.component) ?? 0) + correct);
      this.lossSums.set(head.component, (this.lossSums.get(head.component) ?? 0) + (result.components[head.component] ?? 0) * batchSize);
    }
    this.examples += batchSize;
    return batchAccuracies;
  }

  /** Accuracy and mean loss per head (by loss component name) since the last call; starts over. */
  take(): Record<string, AuxiliaryHeadMetrics> {
    const examples = Math.max(1, this.examples);
    const reading = Object.fromEntries(this.heads.map((head) => [head.component, {
      accuracy: (this.correct.get(head.component) ?? 0) / examples,
      loss: (this.lossSums.get(head.component) ?? 0) / examples,
    }]));
    this.examples = 0;
    this.correct.clear();
    this.lossSums.clear();
    return reading;
  }
}
