/** The batch sizes of a config, checked against what one batch buffer may hold before anything is allocated. */
import type { Dataset } from '../data/dataset.ts';
import { exampleSize } from '../data/dataset.ts';
import { checkAllocation } from '../util/allocationLimit.ts';

const BYTES_PER_VALUE = 8; // int64 token ids are the widest input values

export function checkBatchSizes(dataset: Dataset, settings: Readonly<Record<string, number>>): void {
  const valuesPerExample = dataset.inputs.reduce((sum, input) => sum + exampleSize(input.shape), 0);
  for (const [setting, size] of Object.entries(settings)) {
    checkAllocation(size * valuesPerExample, BYTES_PER_VALUE, `${setting} ${size} (× ${valuesPerExample} values per example)`);
  }
}
