/**
 * A bound on any one tensor or batch DistQ allocates, checked before allocating: a huge dim in a
 * model or a huge batch size would otherwise end in V8's "Invalid typed array length" (or the
 * process running out of memory) with nothing said about which tensor or setting asked for it.
 */

/** Bytes in one tensor or batch buffer; 2 GiB, as protobuf bounds a whole model. */
export const MAX_TENSOR_BYTES = 2 ** 31;

/** `count` elements of `bytesPerElement` each, or an error naming `what` (a tensor, a setting) and the limit. */
export function checkAllocation(count: number, bytesPerElement: number, what: string): void {
  const bytes = count * bytesPerElement;
  if (!Number.isSafeInteger(count) || count < 0 || bytes > MAX_TENSOR_BYTES) {
    throw new RangeError(`${what} would need ${formatBytes(bytes)}, more than the ${formatBytes(MAX_TENSOR_BYTES)} DistQ allocates for one tensor`);
  }
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'an unbounded number of bytes';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${Number(value.toPrecision(3))} ${units[unit]}`;
}
