/**
 * How an INT8 model's file size compares with the FP32 model's, in words: "3.90× smaller" or
 * "1.20× larger" (a tiny model's quantization parameters can outweigh the saved bytes).
 */
export interface SizeComparison {
  text: string;
  larger: boolean;
}

/** `unmeasured` stands in when either size is missing or not positive. */
export function sizeComparison(fp32Bytes: number, int8Bytes: number, unmeasured = '—'): SizeComparison {
  if (!(fp32Bytes > 0) || !(int8Bytes > 0)) return { text: unmeasured, larger: false };
  return int8Bytes > fp32Bytes ? { text: `${(int8Bytes / fp32Bytes).toFixed(2)}× larger`, larger: true } : { text: `${(fp32Bytes / int8Bytes).toFixed(2)}× smaller`, larger: false };
}
