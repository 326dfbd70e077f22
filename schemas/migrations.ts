import { GRAPH_VERSION } from './graph';

/**
 * Each entry lifts a document from version N to N+1. Version 1 is the first,
 * so the table is empty; a future version adds `1: (doc) => …` here and moves
 * the old schema aside, the way ONNX keeps one schema per opset.
 */
const migrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateToCurrent(doc: Record<string, unknown>, fromVersion: number): Record<string, unknown> {
  let current = doc;
  for (let version = fromVersion; version < GRAPH_VERSION; version++) {
    const step = migrations[version];
    if (!step) throw new Error(`no migration from graph version ${version}`);
    current = step(current);
  }
  return current;
}
