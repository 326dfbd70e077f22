import fs from 'node:fs';
import { parseGraphDocument } from '../schemas';
import type { GraphDocument } from '../schemas/graph';

/** A graph document parsed (defaults filled in) or an error listing what is wrong: for documents a test builds. */
export function parsed(doc: unknown): GraphDocument {
  const result = parseGraphDocument(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.document;
}

/** One of examples/, parsed. */
export const example = (file: string): GraphDocument => parsed(JSON.parse(fs.readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')));
