/**
 * How an INT8 model's file size compares with the FP32 model's, in words: "3.90× smaller" or
 * "1.20× larger" (a tiny model's quantization parameters can outweigh the saved bytes).
 */
import { ratioWording } from './ratioWording.ts';

export interface SizeComparison {
  text: string;
  larger: boolean;
}

/** `unmeasured` stands in when either figure is missing or not positive. */
export function sizeComparison(fp32Bytes: number, int8Bytes: number, unmeasured = '—'): SizeComparison {
  const { text, worse } = ratioWording(fp32Bytes, int8Bytes, { worse: 'larger', better: 'smaller' }, unmeasured);
  return { text, larger: worse };
}
