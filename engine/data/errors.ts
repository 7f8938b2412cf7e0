/** Errors about data files that name the file (and the array inside an .npz) and what is wrong. */
export class DataFileError extends Error {
  constructor(readonly file: string, readonly problem: string, readonly arrayName?: string) {
    super(`${file}${arrayName === undefined ? '' : `: array '${arrayName}'`}: ${problem}`);
    this.name = 'DataFileError';
  }
}

/** A shape as numpy prints it: (), (5,), (2, 3). */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}
