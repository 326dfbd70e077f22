import { GRAPH_VERSION } from './graph';

/** Lifts a stored document from version N to N+1. It gets a copy it may change, and returns the new document. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Each entry N lifts a document from version N to N+1. Version 1 is the
 * first, so the table is empty; a future version adds `1: (doc) => …` here,
 * a stored v1 document to test/fixtures/versions/v1/ stays as it was, and the
 * old schema moves aside, the way ONNX keeps one schema per opset.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/**
 * `doc` (version `fromVersion`) → the same document at `toVersion`, one step
 * at a time. The table and the target are parameters so a test can run a
 * migration path that production does not have yet.
 */
export function migrateToCurrent(doc: Record<string, unknown>, fromVersion: number, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, toVersion: number = GRAPH_VERSION): Record<string, unknown> {
  let current = doc;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = migrations[version];
    if (!step) throw new Error(`no migration from graph version ${version} to ${version + 1}`);
    // structuredClone: a step may edit in place without touching the caller's document.
    current = { ...step(structuredClone(current)), version: version + 1 };
  }
  return current;
}
