/**
 * How an INT8 model's latency compares with the FP32 model's, in words: "2.10× faster" or
 * "3.50× slower". The engine's CLI summary and the extension's dashboard both say it this way.
 */
import { ratioWording } from './ratioWording.ts';

export interface SpeedComparison {
  text: string;
  slower: boolean;
}

/** `unmeasured` stands in when either figure is missing or not positive. */
export function speedComparison(fp32Ms: number, int8Ms: number, unmeasured = '—'): SpeedComparison {
  const { text, worse } = ratioWording(fp32Ms, int8Ms, { worse: 'slower', better: 'faster' }, unmeasured);
  return { text, slower: worse };
}
