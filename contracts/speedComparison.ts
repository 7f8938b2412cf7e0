/**
 * How an INT8 model's latency compares with the FP32 model's, in words: "2.10× faster" or
 * "3.50× slower". The engine's CLI summary and the extension's dashboard both say it this way.
 */
export interface SpeedComparison {
  text: string;
  slower: boolean;
}

/** `unmeasured` stands in when either latency is missing or not positive. */
export function speedComparison(fp32Ms: number, int8Ms: number, unmeasured = '—'): SpeedComparison {
  if (!(fp32Ms > 0) || !(int8Ms > 0)) return { text: unmeasured, slower: false };
  return int8Ms > fp32Ms ? { text: `${(int8Ms / fp32Ms).toFixed(2)}× slower`, slower: true } : { text: `${(fp32Ms / int8Ms).toFixed(2)}× faster`, slower: false };
}
