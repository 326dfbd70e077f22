import type { GraphDocument } from '../../schemas/graph';
import { journalBase, journalText, readJournal, type JournalBase } from './autosave-journal';

/**
 * The last state of the graph, kept in localStorage so a reload or a crash
 * loses nothing: every edit is stored before the edit's handler returns.
 *
 * Two keys (autosave-journal.ts says why): BASE holds a whole document as
 * JSON (what every earlier Layerwire wrote there), JOURNAL the edits since,
 * naming BASE by a fingerprint. An edit writes only JOURNAL, one setItem, so
 * the storage holds the old state or the new one, never half of either. Now
 * and then (when the journal grows, at idle time) the whole document is
 * written to BASE and then JOURNAL removed; a crash between the two leaves a
 * journal that names the old base: it is stale, and the new BASE already
 * holds everything it said.
 */
const BASE = 'layerwire:autosave';
const JOURNAL = 'layerwire:autosave:journal';
/** Where an autosave this version cannot read is moved to, with the time it was found. */
const UNREADABLE = 'layerwire:autosave:unreadable';
/** A journal longer than this is folded into the base at the next idle moment. */
const FOLD_AT = 8192;

/** The base this tab wrote last (undefined until its first save) and the journal it wrote on it. */
let written: { base: JournalBase; journal: string | null } | undefined;
/** The document saved last, for folding at idle time. */
let latest: GraphDocument | undefined;
let foldPending = false;

/** Whether the storage still holds what this tab wrote last (no other tab or version has saved since). Throws where storage does. */
function stillOurs(mine: NonNullable<typeof written>): boolean {
  return localStorage.getItem(BASE) === mine.base.text && localStorage.getItem(JOURNAL) === mine.journal;
}

/** Stores `document` (the graph as it is now); false when the storage is full or disabled. */
export function saveLocally(document: GraphDocument): boolean {
  latest = document;
  try {
    // Another tab (or another version of Layerwire) may have written the base since: then this tab's journal would mean nothing.
    if (!written || !stillOurs(written)) return writeBase(document);
    const journal = journalText(written.base, document) ?? null;
    // A journal as long as half the base saves little over writing the base itself.
    if (journal !== null && journal.length > written.base.text.length / 2) return writeBase(document);
    if (journal === null) localStorage.removeItem(JOURNAL);
    else localStorage.setItem(JOURNAL, journal);
    written.journal = journal;
    if (journal !== null && journal.length > FOLD_AT) foldWhenIdle();
    return true;
  } catch {
    return false; // storage full or disabled: the editor keeps working without it
  }
}

/** Writes the whole document to BASE, then drops the journal that BASE now holds. */
function writeBase(document: GraphDocument): boolean {
  const base = journalBase(document);
  try {
    localStorage.setItem(BASE, base.text);
  } catch {
    written = undefined; // BASE is unknown now: the next save writes it whole again
    return false;
  }
  written = { base, journal: null };
  localStorage.removeItem(JOURNAL);
  return true;
}

const whenIdle: (run: () => void) => void = typeof requestIdleCallback === 'function' ? (run) => requestIdleCallback(run, { timeout: 5000 }) : (run) => setTimeout(run, 500);

function foldWhenIdle() {
  if (foldPending) return;
  foldPending = true;
  whenIdle(() => {
    foldPending = false;
    foldLocally();
  });
}

/**
 * Folds this tab's journal into the base now. Nothing depends on it for safety;
 * the app calls it when the tab is hidden, so that the base alone is the graph
 * as it is, for any reader that knows only the base (an older Layerwire).
 */
export function foldLocally(): void {
  // Only this tab's own journal is folded: another tab's newer save must not be overwritten with this tab's graph.
  if (!latest || !written || written.journal === null) return;
  try {
    if (!stillOurs(written)) return;
  } catch {
    return;
  }
  writeBase(latest);
}

/** What the storage holds: the texts as stored, and the document they give (undefined when they cannot be read). */
export interface Autosave {
  base: string;
  journal?: string;
  json: unknown | undefined;
}

/** The saved graph, unparsed (the caller validates it like any other file); undefined when nothing is saved. */
export function loadLocal(): Autosave | undefined {
  let base: string | null;
  let journal: string | null;
  try {
    base = localStorage.getItem(BASE);
    journal = localStorage.getItem(JOURNAL);
  } catch {
    return undefined;
  }
  if (base === null) return undefined;
  const texts = { base, ...(journal === null ? {} : { journal }) };
  let json: unknown;
  try {
    json = JSON.parse(base);
  } catch {
    return { ...texts, json: undefined };
  }
  if (journal === null) return { ...texts, json };
  const reading = readJournal(base, json, journal);
  if (reading.ok) return { ...texts, json: reading.document };
  return reading.reason === 'stale' ? { base, json } : { ...texts, json: undefined };
}

/**
 * Moves an autosave this version cannot read out of the way, so that saving
 * the graph on screen never overwrites it: its texts go to keys of their own
 * (named with `now`). Returns those keys, or undefined when they could not be
 * stored (then nothing may be autosaved over it).
 */
export function keepUnreadable(saved: Autosave, now = new Date()): { base: string; journal?: string } | undefined {
  const stamp = now.toISOString();
  const keys = { base: `${UNREADABLE}:${stamp}`, ...(saved.journal === undefined ? {} : { journal: `${UNREADABLE}:${stamp}:journal` }) };
  try {
    localStorage.setItem(keys.base, saved.base);
    if (keys.journal) localStorage.setItem(keys.journal, saved.journal!);
  } catch {
    try {
      localStorage.removeItem(keys.base);
    } catch {
      /* nothing more to undo */
    }
    return undefined;
  }
  return keys;
}

export function clearLocal(): void {
  written = undefined;
  try {
    localStorage.removeItem(BASE);
    localStorage.removeItem(JOURNAL);
  } catch {
    /* nothing to clear */
  }
}
