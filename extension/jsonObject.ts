/** Whether a parsed JSON value is an object (not null, not an array): what a file's record or a config section must be. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
