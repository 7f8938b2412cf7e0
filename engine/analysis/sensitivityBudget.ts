/** How many test examples a sensitivity analysis can afford within its time budget. */

/** Fewer examples than this measure accuracy too coarsely to rank layers (or all of them, when the data has fewer). */
export const MIN_SENSITIVITY_EXAMPLES = 100;

/** What one evaluation (for a layer: its two model variants) costs. */
export interface EvaluationCost {
  /** Whatever does not grow with the examples: building the models and their sessions. */
  secondsFixed: number;
  /** Each example evaluated. */
  secondsPerExample: number;
}

export interface EvaluationSize {
  examples: number;
  /** True when the budget, not the data, set the number. */
  limited: boolean;
}

/**
 * The examples each of `evaluations` may use so that all fit in `budgetSeconds` (no budget: every
 * example). Never fewer than MIN_SENSITIVITY_EXAMPLES: a budget too small even for those is met by
 * measuring fewer layers instead.
 */
export function examplesWithinBudget(available: number, evaluations: number, budgetSeconds: number | undefined, cost: EvaluationCost): EvaluationSize {
  if (budgetSeconds === undefined || evaluations === 0) return { examples: available, limited: false };
  const perEvaluation = budgetSeconds / evaluations - cost.secondsFixed;
  const affordable = cost.secondsPerExample > 0 ? Math.floor(perEvaluation / cost.secondsPerExample) : available;
  const examples = Math.min(available, Math.max(MIN_SENSITIVITY_EXAMPLES, affordable));
  return { examples, limited: examples < available };
}

/** `count` indices spread evenly over [0, available): a test set sorted by class still gives every class its share. */
export function evenlySpacedIndices(available: number, count: number): Int32Array {
  const indices = new Int32Array(Math.min(count, available));
  for (let i = 0; i < indices.length; i++) indices[i] = Math.floor((i * available) / indices.length);
  return indices;
}
