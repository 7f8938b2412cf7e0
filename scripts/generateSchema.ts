// Writes schemas/distq.schema.json from the config's TypeScript definition (npm run schema).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { distqJsonSchema } from '../engine/config/jsonSchema.ts';

const file = path.resolve(__dirname, '..', 'schemas', 'distq.schema.json');
fs.writeFileSync(file, `${JSON.stringify(distqJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
