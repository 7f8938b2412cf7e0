/**
 * Which zoo fixtures a run trains: every model at one opset in the unit tier, every file in
 * full (DISTQ_ZOO=full). Two halves of about equal CPU time, one test file each, so the
 * tier's two workers share them.
 */
export const ZOO_HALVES = {
  first: ['convnext_tiny', 'resnet18', 'mobilenet_v2', 'shufflenet_v2_x0_5', 'squeezenet1_1', 'vit_small'],
  second: ['densenet121', 'efficientnet_b0', 'googlenet', 'regnet_x_400mf', 'mobilenet_v3_small', 'mnasnet0_5'],
} as const;

/** Models whose MaxPool windows overlap: the tier runs them at opset 13, below ScatterElements' reduction. */
const OVERLAPPING_MAX_POOL = new Set<string>(['resnet18', 'squeezenet1_1', 'densenet121', 'googlenet']);

/** Opsets exported for one model only (test/fixtures/zoo/export_zoo.py's EXTRA_OPSETS). */
const EXTRA_OPSETS: Record<string, number[]> = { resnet18: [11, 16] };

export function zooFixtureNames(models: readonly string[], full: boolean): string[] {
  if (!full) return models.map((model) => `${model}_opset${OVERLAPPING_MAX_POOL.has(model) ? 13 : 17}`);
  return models.flatMap((model) => [13, 17, ...(EXTRA_OPSETS[model] ?? [])].map((opset) => `${model}_opset${opset}`));
}
