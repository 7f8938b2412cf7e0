/**
 * Checks a request's params before the engine acts on them: the client is another process, and a
 * message with a missing or mistyped field should come back as an error naming the field, not as a
 * TypeError from deep inside a command.
 */

/** Thrown for params that do not fit the request; the connection answers it as the request's error. */
export class RequestParamsError extends Error {}

type FieldKind = 'string' | 'number';

/** The params as an object with each named field of its kind (`?` marks an optional one). */
export function checkParams<Params>(method: string, params: unknown, fields: Record<string, `${FieldKind}` | `${FieldKind}?`>): Params {
  const record: Record<string, unknown> = typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
  for (const [field, expected] of Object.entries(fields)) {
    const optional = expected.endsWith('?');
    const kind = expected.replace('?', '');
    const value = record[field];
    if (value === undefined && optional) continue;
    if (typeof value !== kind) throw new RequestParamsError(`${method}: ${field} must be a ${kind}${optional ? ' when given' : ''}`);
  }
  return record as Params;
}
