/** Typed access to test/fixtures/optim/reference.json (written by make_optim_reference.py from torch). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { OptimizerConfig } from '../../../engine/training/optim/factory.ts';
import type { ScheduleConfig } from '../../../engine/training/optim/schedule.ts';

export type NamedValues = Record<string, number[]>;

export interface OptimizerReference {
  name: string;
  config: OptimizerConfig;
  learningRates: number[];
  initial: NamedValues;
  gradients: NamedValues[];
  after: NamedValues[];
  finalState: Record<string, NamedValues>;
}

export interface ClippingReference {
  name: string;
  kind: 'norm' | 'value';
  maxNorm?: number;
  clipValue?: number;
  norm: number;
  before: number[][];
  after: number[][];
}

export interface ScheduleReference {
  name: string;
  config: ScheduleConfig;
  base: number;
  stepsPerEpoch: number;
  totalSteps: number;
  rates: number[];
}

export interface OptimReference {
  torchVersion: string;
  optimizers: OptimizerReference[];
  clipping: ClippingReference[];
  schedules: ScheduleReference[];
}

export const reference = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/optim/reference.json', import.meta.url), 'utf8'),
) as OptimReference;

/** The float32 bound the optimizer tests use: |a − e| ≤ 1e-6·|e|, with a floor of 1e-12 for exact zeros. */
export function assertCloseRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, relative = 1e-6): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const bound = relative * Math.abs(e) + 1e-12;
    assert.ok(Math.abs(a - e) <= bound, `${what}[${i}]: ${a} vs torch ${e} (|Δ| ${Math.abs(a - e)} > ${bound})`);
  }
}
