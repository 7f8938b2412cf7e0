/** An INT8 figure against its FP32 counterpart as a ratio in words: "2.10× faster", "1.20× larger". */

export interface RatioWording {
  text: string;
  /** The INT8 figure is the larger one (slower, bigger). */
  worse: boolean;
}

/** `unmeasured` stands in when either figure is missing or not positive. */
export function ratioWording(fp32: number, int8: number, words: { worse: string; better: string }, unmeasured: string): RatioWording {
  if (!(fp32 > 0) || !(int8 > 0)) return { text: unmeasured, worse: false };
  return int8 > fp32 ? { text: `${(int8 / fp32).toFixed(2)}× ${words.worse}`, worse: true } : { text: `${(fp32 / int8).toFixed(2)}× ${words.better}`, worse: false };
}
