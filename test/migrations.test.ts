/**
 * Stored documents stay readable: every file under test/fixtures/versions/vN/
 * was written by a Layerwire whose GRAPH_VERSION was N and is never edited
 * again. Each must parse to the document recorded in
 * test/fixtures/versions/parsed/ (the current shape), so a schema change that
 * would change what an old file means fails here until it comes with a
 * version bump and a migration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAPH_VERSION } from '../schemas/graph';
import { MIGRATIONS, migrateToCurrent, type Migration } from '../schemas/migrations';
import { parseGraphDocument } from '../schemas/parse';
import { root } from './emitted';

const VERSIONS = path.join(root, 'test/fixtures/versions');
const stored = fs
  .readdirSync(VERSIONS)
  .filter((dir) => /^v\d+$/.test(dir))
  .flatMap((dir) => fs.readdirSync(path.join(VERSIONS, dir)).map((file) => [dir, file] as const));

describe('documents of every version we have written', () => {
  it('there is a folder for every version up to the current one', () => {
    const versions = new Set(stored.map(([dir]) => Number(dir.slice(1))));
    expect([...versions].sort()).toEqual(Array.from({ length: GRAPH_VERSION }, (_, i) => i + 1));
  });

  it.each(stored)('%s/%s parses to the same document as it always has', async (dir, file) => {
    const json = JSON.parse(fs.readFileSync(path.join(VERSIONS, dir, file), 'utf8'));
    expect(json.version).toBe(Number(dir.slice(1)));
    const parsed = parseGraphDocument(json);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    await expect(`${JSON.stringify(parsed.document, null, 2)}\n`).toMatchFileSnapshot(path.join(VERSIONS, 'parsed', file));
  });

  it('there is a migration for every step from version 1 to the current one', () => {
    for (let version = 1; version < GRAPH_VERSION; version++) expect(MIGRATIONS[version], `migration ${version} → ${version + 1}`).toBeTypeOf('function');
  });
});

describe('versions this Layerwire cannot read', () => {
  const doc = JSON.parse(fs.readFileSync(path.join(VERSIONS, 'v1', 'seed-cnn.json'), 'utf8'));

  it.each([
    [0, /^expected a positive integer, got 0$/],
    [-1, /^expected a positive integer, got -1$/],
    [1.5, /^expected a positive integer, got 1\.5$/],
    ['1', /^expected a positive integer, got "1"$/],
    [GRAPH_VERSION + 1, new RegExp(`^this document is version ${GRAPH_VERSION + 1}, but this Layerwire reads versions up to ${GRAPH_VERSION}; update Layerwire to open it$`)],
  ])('version %j is refused at the JSON path "version"', (version, message) => {
    const parsed = parseGraphDocument({ ...doc, version });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.path).toBe('version');
    expect(parsed.errors[0]!.message).toMatch(message);
    expect(parsed.errors[0]!.translations['zh-CN'].message).not.toBe(parsed.errors[0]!.message);
  });
});

/**
 * No production migration exists yet (GRAPH_VERSION is 1), so the path that
 * will run them is exercised with a table of made-up steps passed in: the
 * production table is a frozen constant that this test does not touch.
 */
describe('the migration path', () => {
  const renameUnits: Migration = (doc) => {
    for (const node of doc.nodes as { params?: Record<string, unknown> }[]) {
      if (node.params && 'units' in node.params) {
        node.params.width = node.params.units;
        delete node.params.units;
      }
    }
    return doc;
  };
  const addAuthor: Migration = (doc) => ({ ...doc, author: 'migrated' });
  const stored = { format: 'layerwire.graph', version: 1, nodes: [{ id: 'd', type: 'Dense', params: { units: 4 } }] };

  it('runs every step in order and stamps each new version', () => {
    const calls: number[] = [];
    const table = { 1: (d: Record<string, unknown>) => (calls.push(d.version as number), renameUnits(d)), 2: (d: Record<string, unknown>) => (calls.push(d.version as number), addAuthor(d)) };
    expect(migrateToCurrent(stored, 1, table, 3)).toEqual({ format: 'layerwire.graph', version: 3, author: 'migrated', nodes: [{ id: 'd', type: 'Dense', params: { width: 4 } }] });
    expect(calls).toEqual([1, 2]);
  });

  it('starts from the stored version: a version-2 document skips step 1', () => {
    expect(migrateToCurrent({ ...stored, version: 2 }, 2, { 1: renameUnits, 2: addAuthor }, 3)).toMatchObject({ version: 3, author: 'migrated', nodes: [{ params: { units: 4 } }] });
  });

  it('never changes the document it was given, even when a step edits in place', () => {
    const before = structuredClone(stored);
    migrateToCurrent(stored, 1, { 1: renameUnits }, 2);
    expect(stored).toEqual(before);
  });

  it('a missing step says which', () => {
    expect(() => migrateToCurrent(stored, 1, { 1: renameUnits }, 3)).toThrow('no migration from graph version 2 to 3');
  });

  it('the current version needs no step and returns the document as it is', () => {
    expect(migrateToCurrent(stored, GRAPH_VERSION)).toBe(stored);
  });
});
