/**
 * Writes compiler/custom/sources.generated.ts: the source text of each custom
 * layer class, which the TypeScript emitter copies into generated code. One
 * definition (the class file), one generated copy, and a test that fails when
 * the copy is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCustomLayerSources } from './custom-layer-sources';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'compiler/custom/sources.generated.ts');
fs.writeFileSync(target, renderCustomLayerSources(root));
console.log(`wrote ${path.relative(root, target)}`);
