/**
 * The autosave as a base document plus a small journal (pure; autosave.ts
 * does the storing). Writing the whole document on every edit costs time in
 * proportion to the graph (JSON.stringify plus localStorage.setItem: several
 * milliseconds at 1,000 nodes); an edit changes one node or a few. So the
 * base is written now and then, and each edit writes a journal: the current
 * document as references into the base — runs of unchanged nodes and edges,
 * the changed ones in full — naming the base it belongs to by a fingerprint
 * of its text. A journal that names another base is stale and means nothing.
 *
 * Documents are immutable snapshots (an edit makes new objects only for what
 * it changed), so the JSON text of each object is worked out once and kept.
 */

/** The top-level lists that are journaled element by element; everything else is compared whole. */
const LISTS = ['nodes', 'edges'] as const;
/** Marks a journal this code wrote (and can read); a journal without it is not ours. */
const JOURNAL_FORMAT = 'layerwire.autosave-journal/1';

type JsonObject = Record<string, unknown>;

/** A run of the base's elements, both ends included, or one element in full. */
type Run = [from: number, to: number] | JsonObject;

interface Journal {
  format: typeof JOURNAL_FORMAT;
  base: string;
  /** The document's keys in its order (a key of the base that is not here was removed). */
  keys: string[];
  /** Keys whose value differs from the base's, with the new value. */
  values: JsonObject;
  /** Lists that differ from the base's, as runs of base elements and new elements. */
  runs: Partial<Record<(typeof LISTS)[number], Run[]>>;
}

const texts = new WeakMap<object, string>();

/** `JSON.stringify(value)`, remembered per object (never mutated: documents are snapshots). */
export function jsonOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

const isList = (key: string): key is (typeof LISTS)[number] => (LISTS as readonly string[]).includes(key);
const isPlainObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The keys JSON.stringify writes, in its order. */
const writtenKeys = (document: JsonObject) => Object.keys(document).filter((key) => document[key] !== undefined);

/** Exactly `JSON.stringify(document)`, built from the remembered text of each node and edge. */
export function documentText(document: JsonObject): string {
  const members = writtenKeys(document).map((key) => {
    const value = document[key];
    const text = isList(key) && Array.isArray(value) ? `[${value.map((element) => jsonOf(element) ?? 'null').join(',')}]` : jsonOf(value);
    return `${JSON.stringify(key)}:${text}`;
  });
  return `{${members.join(',')}}`;
}

/** A fingerprint of a base's text: its length and a 53-bit hash (cyrb53). */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** What a journal is written against: the base's text, its fingerprint, and where each of its values and list elements is. */
export interface JournalBase {
  text: string;
  fingerprint: string;
  keys: string[];
  values: Map<string, string>;
  /** Per list, where each element text first appears, and how long the list is. */
  elements: Map<string, { at: Map<string, number>; length: number }>;
}

/** The base for `document`: its text (to be stored) and what journals against it look up. */
export function journalBase(document: JsonObject): JournalBase {
  const text = documentText(document);
  const keys = writtenKeys(document);
  const values = new Map<string, string>();
  const elements: JournalBase['elements'] = new Map();
  for (const key of keys) {
    const value = document[key];
    if (isList(key) && Array.isArray(value)) {
      const at = new Map<string, number>();
      value.forEach((element, i) => {
        const elementText = jsonOf(element);
        if (!at.has(elementText)) at.set(elementText, i);
      });
      elements.set(key, { at, length: value.length });
    } else values.set(key, jsonOf(value));
  }
  return { text, fingerprint: fingerprint(text), keys, values, elements };
}

/** `list` as runs of the base's elements (looked up by text) and new elements in full; undefined when an element is not an object. */
function runsOf(list: unknown[], base: Map<string, number>): Run[] | undefined {
  const runs: Run[] = [];
  let open: [number, number] | undefined;
  for (const element of list) {
    const at = base.get(jsonOf(element));
    if (at !== undefined && open && at === open[1] + 1) open[1] = at;
    else if (at !== undefined) runs.push((open = [at, at]));
    else if (isPlainObject(element)) {
      runs.push(element);
      open = undefined;
    } else return undefined;
  }
  return runs;
}

/**
 * The journal text that turns `base` into `document`, or undefined when the
 * document is the base (nothing to journal). Its cost follows what changed,
 * plus a look-up per node and edge.
 */
export function journalText(base: JournalBase, document: JsonObject): string | undefined {
  const keys = writtenKeys(document);
  const values: JsonObject = {};
  const runs: Journal['runs'] = {};
  let same = keys.length === base.keys.length && keys.every((key, i) => key === base.keys[i]);
  for (const key of keys) {
    const value = document[key];
    const elements = base.elements.get(key);
    const listRuns = isList(key) && elements && Array.isArray(value) ? runsOf(value, elements.at) : undefined;
    if (listRuns) {
      const [first] = listRuns;
      const whole = listRuns.length === 0 ? elements!.length === 0 : listRuns.length === 1 && Array.isArray(first) && first[0] === 0 && first[1] === elements!.length - 1;
      if (whole) continue;
      runs[key as (typeof LISTS)[number]] = listRuns;
      same = false;
    } else if (base.values.get(key) !== jsonOf(value)) {
      values[key] = value;
      same = false;
    }
  }
  if (same) return undefined;
  const journal: Journal = { format: JOURNAL_FORMAT, base: base.fingerprint, keys, values, runs };
  return JSON.stringify(journal);
}

/** What reading a base and its journal gives: the document, or why the journal was left aside. */
export type JournalReading = { ok: true; document: unknown } | { ok: false; reason: 'stale' | 'unreadable' };

/**
 * The document a base (its text, and that text parsed) and a journal text describe. A journal written
 * against another base (`stale`: the base was rewritten after it, and holds
 * everything it said) is left aside; one that names this base but cannot be
 * read (another format, damaged) is `unreadable`.
 */
export function readJournal(baseText: string, base: unknown, journalText: string): JournalReading {
  let journal: Partial<Journal>;
  try {
    journal = JSON.parse(journalText) as Partial<Journal>;
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (!isPlainObject(journal)) return { ok: false, reason: 'unreadable' };
  if (journal.format === JOURNAL_FORMAT && journal.base !== fingerprint(baseText)) return { ok: false, reason: 'stale' };
  const { keys, values, runs } = journal;
  if (journal.format !== JOURNAL_FORMAT || !isPlainObject(base) || !Array.isArray(keys) || !isPlainObject(values) || !isPlainObject(runs)) return { ok: false, reason: 'unreadable' };
  const document: JsonObject = {};
  for (const key of keys) {
    if (typeof key !== 'string') return { ok: false, reason: 'unreadable' };
    const listRuns = (runs as JsonObject)[key];
    if (listRuns !== undefined) {
      const list = rebuildList(base[key], listRuns);
      if (!list) return { ok: false, reason: 'unreadable' };
      document[key] = list;
    } else document[key] = key in values ? values[key] : base[key];
  }
  return { ok: true, document };
}

function rebuildList(base: unknown, runs: unknown): unknown[] | undefined {
  if (!Array.isArray(base) || !Array.isArray(runs)) return undefined;
  const list: unknown[] = [];
  for (const run of runs) {
    if (isPlainObject(run)) list.push(run);
    else if (Array.isArray(run) && run.length === 2 && Number.isInteger(run[0]) && Number.isInteger(run[1]) && 0 <= run[0] && run[0] <= run[1] && run[1] < base.length) list.push(...base.slice(run[0], run[1] + 1));
    else return undefined;
  }
  return list;
}
