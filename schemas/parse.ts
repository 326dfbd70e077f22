import type { z } from 'zod';
import { GRAPH_FORMAT, GRAPH_VERSION, GraphDocument } from './graph';
import { migrateToCurrent } from './migrations';

/** One reason a document was refused, located by its JSON path. */
export interface DocumentError {
  path: string;
  message: string;
}

export type ParseResult =
  | { ok: true; document: GraphDocument }
  | { ok: false; errors: DocumentError[] };

/** `nodes[3].params.kernelSize` from zod's `['nodes', 3, 'params', 'kernelSize']`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return out || '(document)';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON.stringify says "null" for 1e999
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'a list nested too deeply to show' : 'an object nested too deeply to show'; // stack depth, from a hostile document
  }
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Turns zod issues into messages that name the field and the offending value. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: readonly PropertyKey[] = []): DocumentError[] {
  return issues.map((issue) => {
    const fullPath = [...prefix, ...issue.path];
    const path = formatJsonPath(fullPath);
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
      // Report the alternative that got furthest, not zod's generic "invalid input".
      const best = [...issue.errors].sort((a, b) => maxDepth(b) - maxDepth(a))[0]!;
      const nested = describeIssues(best, root, fullPath);
      if (nested.length > 0) return nested[0]!;
    }
    const got = describeValue(valueAt(root, fullPath));
    return { path, message: `${humanize(issue)}, got ${got}` };
  });
}

function maxDepth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
}

function humanize(issue: z.core.$ZodIssue): string {
  // Schemas that know better say so themselves: `{ error: 'expected a positive integer' }`.
  if (issue.message.startsWith('expected ')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'number' && issue.minimum === 0 && !issue.inclusive) return 'expected a positive number';
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `expected at least ${issue.minimum} characters`;
    case 'too_big':
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
      if (issue.origin === 'array') return `expected at most ${issue.maximum} items`;
      return `expected at most ${issue.maximum} characters`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

/**
 * Parses any JSON value into the current GraphDocument, migrating older
 * versions and refusing newer ones with a message that says so.
 */
export function parseGraphDocument(json: unknown): ParseResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: [{ path: '(document)', message: `expected a JSON object, got ${describeValue(json)}` }] };
  }
  const record = json as Record<string, unknown>;
  if (record.format !== GRAPH_FORMAT) {
    return { ok: false, errors: [{ path: 'format', message: `expected "${GRAPH_FORMAT}", got ${describeValue(record.format)}` }] };
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, errors: [{ path: 'version', message: `expected a positive integer, got ${describeValue(version)}` }] };
  }
  if (version > GRAPH_VERSION) {
    return {
      ok: false,
      errors: [{ path: 'version', message: `this document is version ${version}, but this Layerwire reads versions up to ${GRAPH_VERSION}; update Layerwire to open it` }],
    };
  }
  const migrated = migrateToCurrent(record, version);
  const result = GraphDocument.safeParse(migrated);
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, errors: describeIssues(result.error.issues, migrated) };
}
