/** Node names in the quantization section that the student does not have, each with its field and the nearest real node. */
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { likelyMeantName, nearestName } from '../../contracts/nearestName.ts';

/** One sentence per unknown name of `quantization.exclude` and of `quantization.layers`' keys; empty when all are nodes. */
export function unknownNodeNames(quantization: QuantizationConfig, nodes: readonly string[]): string[] {
  const known = new Set(nodes);
  const named = [
    ...quantization.exclude.map((name, index) => ({ field: `quantization.exclude[${index}]`, name })),
    ...Object.keys(quantization.layers ?? {}).map((name) => ({ field: `quantization.layers`, name })),
  ];
  return named.filter(({ name }) => !known.has(name)).map(({ field, name }) => {
    const likely = likelyMeantName(name, nodes);
    const nearest = likely ?? nearestName(name, nodes);
    const hint = likely ? `; did you mean '${likely}'?` : nearest ? ` (the nearest node is '${nearest}')` : '';
    return `${field}: '${name}' is not a node${hint}`;
  });
}
