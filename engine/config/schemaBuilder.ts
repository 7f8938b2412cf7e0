/**
 * A small schema language: one definition gives the TypeScript type (`Infer`),
 * the JSON Schema VS Code uses for IntelliSense, and the validator that reports
 * problems by JSON path. The config's format is written once, in config/distqConfig.ts.
 */
import { likelyMeantName } from '../../contracts/nearestName.ts';
import { settingIndexPath, settingKeyPath } from '../../contracts/configSettingPath.ts';

export interface ConfigIssue {
  /** JSON path, e.g. `training.optimizer.kind`. */
  path: string;
  message: string;
}

export type JsonSchema = { [key: string]: unknown };

export interface Schema<T> {
  readonly json: JsonSchema;
  /** Returns the parsed value (defaults filled in) or undefined after recording issues. */
  parse(value: unknown, path: string, issues: ConfigIssue[]): T | undefined;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A section as code may give it before parsing: any field with a default may be left out, at any depth (arrays are given whole). */
export type PartialSection<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? PartialSection<T[K]> : T[K] };

interface Described {
  description?: string;
}

function describe(json: JsonSchema, options: Described & { default?: unknown }): JsonSchema {
  if (options.description) json.description = options.description;
  if (options.default !== undefined) json.default = options.default;
  return json;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function string(options: Described & { minLength?: number; pattern?: string; examples?: string[] } = {}): Schema<string> {
  const json = describe({ type: 'string' }, options);
  if (options.minLength !== undefined) json.minLength = options.minLength;
  if (options.pattern) json.pattern = options.pattern;
  if (options.examples) json.examples = options.examples;
  return {
    json,
    parse(value, path, issues) {
      if (typeof value !== 'string') return void issues.push({ path, message: `should be a string, not ${typeName(value)}` });
      if (options.minLength !== undefined && value.length < options.minLength) return void issues.push({ path, message: 'should not be empty' });
      if (options.pattern && !new RegExp(options.pattern).test(value)) return void issues.push({ path, message: `'${value}' does not match ${options.pattern}` });
      return value;
    },
  };
}

export function number(options: Described & { minimum?: number; maximum?: number; exclusiveMinimum?: number; integer?: boolean } = {}): Schema<number> {
  const json = describe({ type: options.integer ? 'integer' : 'number' }, options);
  if (options.minimum !== undefined) json.minimum = options.minimum;
  if (options.maximum !== undefined) json.maximum = options.maximum;
  if (options.exclusiveMinimum !== undefined) json.exclusiveMinimum = options.exclusiveMinimum;
  return {
    json,
    parse(value, path, issues) {
      if (typeof value !== 'number') return void issues.push({ path, message: `should be a number, not ${typeName(value)}` });
      // JSON has no infinity: a literal such as 1e999 is too large for a double and reads as one.
      if (!Number.isFinite(value)) return void issues.push({ path, message: `should be a finite number, not ${value > 0 ? 'a number too large for a double (like 1e999)' : value < 0 ? 'a number too small for a double (like -1e999)' : 'NaN'}` });
      if (options.integer && !Number.isInteger(value)) return void issues.push({ path, message: `should be an integer, not ${value}` });
      if (options.minimum !== undefined && value < options.minimum) return void issues.push({ path, message: `should be at least ${options.minimum}, not ${value}` });
      if (options.maximum !== undefined && value > options.maximum) return void issues.push({ path, message: `should be at most ${options.maximum}, not ${value}` });
      if (options.exclusiveMinimum !== undefined && value <= options.exclusiveMinimum) return void issues.push({ path, message: `should be greater than ${options.exclusiveMinimum}, not ${value}` });
      return value;
    },
  };
}

export function boolean(options: Described = {}): Schema<boolean> {
  return {
    json: describe({ type: 'boolean' }, options),
    parse(value, path, issues) {
      if (typeof value !== 'boolean') return void issues.push({ path, message: `should be true or false, not ${typeName(value)}` });
      return value;
    },
  };
}

export function enumeration<const V extends string>(values: readonly V[], options: Described & { descriptions?: Record<V, string> } = {}): Schema<V> {
  const json = describe({ type: 'string', enum: [...values] }, options);
  if (options.descriptions) json.enumDescriptions = values.map((v) => options.descriptions![v]);
  return {
    json,
    parse(value, path, issues) {
      if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
        return void issues.push({ path, message: `should be one of ${values.map((v) => `'${v}'`).join(', ')}, not ${JSON.stringify(value)}` });
      }
      return value as V;
    },
  };
}

export function literal<const V extends string>(value: V, options: Described = {}): Schema<V> {
  return {
    json: describe({ const: value }, options),
    parse(input, path, issues) {
      if (input !== value) return void issues.push({ path, message: `should be '${value}'` });
      return value;
    },
  };
}

export function array<T>(item: Schema<T>, options: Described & { minItems?: number; maxItems?: number } = {}): Schema<T[]> {
  const json = describe({ type: 'array', items: item.json }, options);
  if (options.minItems !== undefined) json.minItems = options.minItems;
  if (options.maxItems !== undefined) json.maxItems = options.maxItems;
  return {
    json,
    parse(value, path, issues) {
      if (!Array.isArray(value)) return void issues.push({ path, message: `should be an array, not ${typeName(value)}` });
      if (options.minItems !== undefined && value.length < options.minItems) return void issues.push({ path, message: `should have at least ${options.minItems} items` });
      if (options.maxItems !== undefined && value.length > options.maxItems) return void issues.push({ path, message: `should have at most ${options.maxItems} items` });
      const before = issues.length;
      const parsed = value.map((v, i) => item.parse(v, settingIndexPath(path, i), issues));
      return issues.length === before ? (parsed as T[]) : undefined;
    },
  };
}

/** An object whose keys are names the user chooses (node names), each mapped to a value of one schema. */
export function record<T>(value: Schema<T>, options: Described = {}): Schema<Record<string, T>> {
  const json = describe({ type: 'object', additionalProperties: value.json }, options);
  return {
    json,
    parse(input, path, issues) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return void issues.push({ path, message: `should be an object, not ${typeName(input)}` });
      const before = issues.length;
      const result: Record<string, T> = {};
      for (const [key, entry] of Object.entries(input as Record<string, unknown>)) {
        const parsed = value.parse(entry, settingKeyPath(path, key), issues);
        if (parsed !== undefined) Object.defineProperty(result, key, { value: parsed, enumerable: true, writable: true, configurable: true });
      }
      return issues.length === before ? result : undefined;
    },
  };
}

/** A value that is either one word (a string schema) or an object: the word is tried for strings, the object for everything else. */
export function wordOrObject<W extends string, T>(word: Schema<W>, shape: Schema<T>, options: Described = {}): Schema<W | T> {
  return {
    json: describe({ oneOf: [word.json, shape.json] }, options),
    parse(value, path, issues) {
      return typeof value === 'string' ? word.parse(value, path, issues) : shape.parse(value, path, issues);
    },
  };
}

/** A field of an object: required, optional, or with a default. */
export interface Field<T, Optional extends boolean> {
  readonly schema: Schema<T>;
  readonly optional: Optional;
  readonly defaultValue?: T;
}

export function required<T>(schema: Schema<T>): Field<T, false> {
  return { schema, optional: false };
}

export function optional<T>(schema: Schema<T>): Field<T, true> {
  return { schema, optional: true };
}

/**
 * A field that takes a default when absent (the parsed type is then never undefined): `value`,
 * or for an object section without one, what parsing `{}` gives, so that each nested default is
 * stated once, on its own field, and the JSON Schema's `default` is computed the same way.
 */
export function withDefault<T>(schema: Schema<T>, value: T = parsedDefault(schema)): Field<T, false> {
  return { schema: { json: { ...schema.json, default: value }, parse: schema.parse }, optional: false, defaultValue: value };
}

function parsedDefault<T>(schema: Schema<T>): T {
  const issues: ConfigIssue[] = [];
  const parsed = schema.parse({}, '', issues);
  if (parsed === undefined) throw new Error(`a section without a stated default needs a default for every required field: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return parsed;
}

type Fields = Record<string, Field<unknown, boolean>>;

type ObjectOf<F extends Fields> = {
  [K in keyof F as F[K] extends Field<unknown, false> ? K : never]: F[K] extends Field<infer T, false> ? T : never;
} & {
  [K in keyof F as F[K] extends Field<unknown, true> ? K : never]?: F[K] extends Field<infer T, true> ? T : never;
};

export function object<F extends Fields>(fields: F, options: Described & { title?: string; allowExtra?: string[] } = {}): Schema<{ [K in keyof ObjectOf<F>]: ObjectOf<F>[K] }> {
  const properties: Record<string, JsonSchema> = {};
  const requiredKeys: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    properties[key] = field.schema.json;
    if (!field.optional && field.defaultValue === undefined) requiredKeys.push(key);
  }
  for (const extra of options.allowExtra ?? []) properties[extra] = {};
  const json = describe({ type: 'object', properties, additionalProperties: false }, options);
  if (options.title) json.title = options.title;
  if (requiredKeys.length > 0) json.required = requiredKeys;
  return {
    json,
    parse(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return void issues.push({ path, message: `should be an object, not ${typeName(value)}` });
      }
      const record = value as Record<string, unknown>;
      const before = issues.length;
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(record)) {
        // Own keys only: `constructor` or `__proto__` are not settings even though every object has them.
        if (!Object.hasOwn(fields, key) && !(options.allowExtra ?? []).includes(key)) {
          issues.push({ path: settingKeyPath(path, key), message: `is not a known setting${suggest(key, Object.keys(fields))}` });
        }
      }
      for (const [key, field] of Object.entries(fields)) {
        const fieldValue = Object.hasOwn(record, key) ? record[key] : undefined;
        if (fieldValue === undefined) {
          if (field.defaultValue !== undefined) result[key] = structuredClone(field.defaultValue);
          else if (!field.optional) issues.push({ path: settingKeyPath(path, key), message: 'is required' });
          continue;
        }
        const parsed = field.schema.parse(fieldValue, settingKeyPath(path, key), issues);
        if (parsed !== undefined) result[key] = parsed;
      }
      return issues.length === before ? (result as { [K in keyof ObjectOf<F>]: ObjectOf<F>[K] }) : undefined;
    },
  };
}

/** One of several object shapes told apart by a string field (`kind`). */
export function discriminated<const K extends string, S extends Record<string, Schema<unknown>>>(key: K, variants: S, options: Described = {}): Schema<Infer<S[keyof S]>> {
  const names = Object.keys(variants);
  return {
    json: describe({ oneOf: names.map((n) => variants[n]!.json) }, options),
    parse(value, path, issues) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return void issues.push({ path, message: `should be an object, not ${typeName(value)}` });
      }
      const tag = (value as Record<string, unknown>)[key];
      const variant = typeof tag === 'string' && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
      if (!variant) {
        return void issues.push({ path: settingKeyPath(path, key), message: `should be one of ${names.map((n) => `'${n}'`).join(', ')}, not ${JSON.stringify(tag)}` });
      }
      return variant.parse(value, path, issues) as Infer<S[keyof S]> | undefined;
    },
  };
}

function suggest(key: string, known: string[]): string {
  const nearest = likelyMeantName(key, known);
  return nearest ? `; did you mean '${nearest}'?` : `; known: ${known.join(', ')}`;
}

/** One of two object shapes told apart by whether a key is present (`{ "relative": … }` or `{ "absolutePp": … }`). */
export function objectByKey<A, B>(key: string, withKey: Schema<A>, withoutKey: Schema<B>, options: Described = {}): Schema<A | B> {
  return {
    json: describe({ oneOf: [withKey.json, withoutKey.json] }, options),
    parse(value, path, issues) {
      const hasKey = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key);
      return hasKey ? withKey.parse(value, path, issues) : withoutKey.parse(value, path, issues);
    },
  };
}
