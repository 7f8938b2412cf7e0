/**
 * The self-distillation terms' weights, step by step: each pair's configured weight, raised
 * linearly from 0 over `selfBalance.rampEpochs` and, with `capAtLabelsLoss`, scaled down so
 * that the weighted terms together are at most the labels' loss (each its equal share). A freshly attached head's T²-scaled KL
 * is often 100× the labels' CE of a trained student; uncapped, it would steer the backbone.
 */
import type { DistillationConfig } from '../config/distqConfig.ts';
import type { LossComponent } from '../training/trainingGraph.ts';

export interface SelfTermWeightInputs {
  /** The pair's configured weight (its full weight). */
  target: number;
  /** Epochs of training done so far, fractional (global step / steps per epoch). */
  epochsDone: number;
  rampEpochs: number;
  capAtLabelsLoss: boolean;
  /** The share of the labels' loss this term may weigh, and its (unweighted) loss, as the cap reads them; undefined before the first step. */
  labelsLoss: number | undefined;
  selfLoss: number | undefined;
}

/** The weight of one self term at one step. */
export function selfTermWeight(inputs: SelfTermWeightInputs): number {
  const ramp = inputs.rampEpochs > 0 ? Math.min(1, inputs.epochsDone / inputs.rampEpochs) : 1;
  const weight = inputs.target * ramp;
  if (!inputs.capAtLabelsLoss || weight === 0) return weight;
  // Nothing measured yet: the first step learns from the labels alone.
  if (inputs.labelsLoss === undefined || inputs.selfLoss === undefined) return 0;
  if (inputs.selfLoss <= 0) return weight;
  return Math.min(weight, inputs.labelsLoss / inputs.selfLoss);
}

/** Smoothing of the losses the cap compares (and of the heads' accuracies the backbone shares read): about the last 10 steps. */
export const RECENT_STEPS_SMOOTHING = 0.1;

/** One step of the exponential moving average over recent steps: `value` itself when there is no average yet. */
export function smoothedOverRecentSteps(previous: number | undefined, value: number): number {
  return previous === undefined ? value : previous + RECENT_STEPS_SMOOTHING * (value - previous);
}

/** A loss smoothed over recent steps, and its latest value. */
interface TrackedLoss {
  smoothed: number;
  latest: number;
}

/**
 * Tracks the losses of recent steps and gives each self term's weight for the next step.
 * The cap reads the lower of the labels' smoothed and latest loss and the higher of the term's:
 * smoothing alone lags, and QAT of a trained student drops the labels' loss several-fold within
 * a few steps (W4A4 ResNet-8: from PTQ's ≈ 1.5 to ≈ 0.1 in 16 steps), so a lagging labels' loss
 * would let the self terms weigh several times the labels' loss during the ramp.
 */
export class SelfTermWeights {
  private labelsLoss: TrackedLoss | undefined;
  private readonly selfLosses = new Map<string, TrackedLoss>();

  constructor(
    /** The self terms whose weights are fed, with their configured weights. */
    private readonly terms: readonly Pick<LossComponent, 'name' | 'weight'>[],
    private readonly balance: Pick<DistillationConfig['selfBalance'], 'rampEpochs' | 'capAtLabelsLoss'>,
    private readonly stepsPerEpoch: number,
  ) {}

  /** Learns the unweighted losses of a step (component name → value). */
  observe(losses: Record<string, number>): void {
    const track = (previous: TrackedLoss | undefined, value: number | undefined): TrackedLoss | undefined => {
      if (value === undefined || !Number.isFinite(value)) return previous;
      return { smoothed: smoothedOverRecentSteps(previous?.smoothed, value), latest: value };
    };
    this.labelsLoss = track(this.labelsLoss, losses['labels']);
    for (const term of this.terms) {
      const value = track(this.selfLosses.get(term.name), losses[term.name]);
      if (value !== undefined) this.selfLosses.set(term.name, value);
    }
  }

  /** Each term's weight for the step after `globalStep` optimizer steps. */
  weightsAt(globalStep: number): Record<string, number> {
    const labels = this.labelsLoss;
    return Object.fromEntries(this.terms.map((term) => {
      const self = this.selfLosses.get(term.name);
      return [term.name, selfTermWeight({
        target: term.weight,
        epochsDone: globalStep / Math.max(1, this.stepsPerEpoch),
        rampEpochs: this.balance.rampEpochs,
        capAtLabelsLoss: this.balance.capAtLabelsLoss,
        // Each term's share: together the self terms weigh at most the labels' loss.
        labelsLoss: labels && Math.min(labels.smoothed, labels.latest) / this.terms.length,
        selfLoss: self && Math.max(self.smoothed, self.latest),
      })];
    }));
  }
}
