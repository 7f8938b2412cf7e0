/**
 * The compression manager's callbacks, named after Intel Neural Compressor's hooks,
 * so a user's own loop can drive DistQ and the built-in trainer uses the same points.
 */
import type { EpochSummary } from '../../contracts/runFiles.ts';
import type { StepResult } from './trainStep.ts';

export interface StepInfo {
  epoch: number;
  /** Step within the epoch, from 0. */
  step: number;
  /** Optimizer steps taken before this one, over the whole run. */
  globalStep: number;
  batchSize: number;
  learningRate: number;
  /** The batch's labels (the built-in trainer gives them; self-distillation measures its heads with them). */
  labels?: BigInt64Array;
}

export interface TrainingHooks {
  onTrainBegin?(): void | Promise<void>;
  onEpochBegin?(epoch: number): void | Promise<void>;
  onStepBegin?(info: StepInfo): void | Promise<void>;
  /** After the loss and gradients are computed; may inspect them. */
  onAfterComputeLoss?(info: StepInfo, result: StepResult): void | Promise<void>;
  /** Just before the optimizer updates the weights; gradients may still be changed. */
  onBeforeOptimizerStep?(info: StepInfo, result: StepResult): void | Promise<void>;
  onStepEnd?(info: StepInfo, result: StepResult): void | Promise<void>;
  onEpochEnd?(summary: EpochSummary): void | Promise<void>;
  onTrainEnd?(): void | Promise<void>;
}

export type HookName = keyof TrainingHooks;

/** Calls one hook on every listener, in order. */
export async function callHooks<K extends HookName>(listeners: readonly TrainingHooks[], name: K, ...args: Parameters<NonNullable<TrainingHooks[K]>>): Promise<void> {
  for (const listener of listeners) {
    const hook = listener[name] as ((...a: Parameters<NonNullable<TrainingHooks[K]>>) => void | Promise<void>) | undefined;
    if (hook) await hook.apply(listener, args);
  }
}
