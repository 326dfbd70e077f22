/** Regenerates schemas/graph.schema.json from the zod schemas (`npm run schema`). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedJsonSchema } from './published-json-schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'schemas/graph.schema.json');
fs.writeFileSync(target, publishedJsonSchema());
console.log(`wrote ${path.relative(root, target)}`);
