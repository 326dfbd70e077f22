import type { GraphDocument } from '../../schemas/graph';
import { parseGraphDocument } from '../../schemas/parse';

/** The example graphs in examples/, bundled: the gallery and the seed CNN a first visit opens. */
const files = import.meta.glob('/examples/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export const SEED_FILE = 'seed-cnn.json';

export interface Example {
  file: string;
  document: GraphDocument;
}

export const examples: Example[] = Object.entries(files)
  .map(([path, json]) => ({ file: path.split('/').pop()!, parsed: parseGraphDocument(json) }))
  .filter((e): e is { file: string; parsed: { ok: true; document: GraphDocument } } => e.parsed.ok)
  .map((e) => ({ file: e.file, document: e.parsed.document }))
  .sort((a, b) => (a.file === SEED_FILE ? -1 : b.file === SEED_FILE ? 1 : a.file.localeCompare(b.file)));

export function seedDocument(): GraphDocument | undefined {
  return examples.find((e) => e.file === SEED_FILE)?.document ?? examples[0]?.document;
}
