/**
 * Builds an optimizer from its config. Defaults are PyTorch's:
 *   sgd:   momentum 0, dampening 0, nesterov false, weightDecay 0 (L2 on the gradient)
 *   adam:  betas [0.9, 0.999], eps 1e-8, weightDecay 0 (L2 on the gradient)
 *   adamw: betas [0.9, 0.999], eps 1e-8, weightDecay 1e-2 (decoupled)
 * `learningRate` is the base rate: the trainer passes it to the learning-rate schedule and hands
 * the scheduled rate to `Optimizer.step` each step.
 */
import { AdamOptimizer } from './adam.ts';
import type { Optimizer } from './optimizer.ts';
import { SgdOptimizer } from './sgd.ts';

export interface OptimizerConfig {
  kind: 'sgd' | 'adam' | 'adamw';
  learningRate: number;
  /** sgd only. */
  momentum?: number;
  /** sgd only. */
  dampening?: number;
  /** sgd only. */
  nesterov?: boolean;
  weightDecay?: number;
  /** adam, adamw only. */
  betas?: readonly [number, number];
  /** adam, adamw only. */
  eps?: number;
}

const SGD_ONLY = ['momentum', 'dampening', 'nesterov'] as const;
const ADAM_ONLY = ['betas', 'eps'] as const;

export function createOptimizer(config: OptimizerConfig): Optimizer {
  if (!(config.learningRate >= 0 && Number.isFinite(config.learningRate))) {
    throw new RangeError(`optimizer: learningRate must be a finite non-negative number, got ${config.learningRate}`);
  }
  switch (config.kind) {
    case 'sgd':
      rejectFields(config, ADAM_ONLY);
      return new SgdOptimizer({ momentum: config.momentum, dampening: config.dampening, nesterov: config.nesterov, weightDecay: config.weightDecay });
    case 'adam':
    case 'adamw':
      rejectFields(config, SGD_ONLY);
      return new AdamOptimizer({ betas: config.betas, eps: config.eps, weightDecay: config.weightDecay, decoupledWeightDecay: config.kind === 'adamw' });
    default: {
      const unknown: never = config.kind;
      throw new TypeError(`optimizer: unknown kind '${String(unknown)}' (expected sgd, adam or adamw)`);
    }
  }
}

function rejectFields(config: OptimizerConfig, fields: readonly (keyof OptimizerConfig)[]): void {
  for (const field of fields) {
    if (config[field] !== undefined) throw new TypeError(`optimizer: '${field}' does not apply to ${config.kind}`);
  }
}
