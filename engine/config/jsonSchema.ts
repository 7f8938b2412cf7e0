/** The JSON Schema document of `*.distq.json`, as written to schemas/distq.schema.json. */
import { distqConfigSchema } from './distqConfig.ts';

export function distqJsonSchema(): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...distqConfigSchema.json };
}
