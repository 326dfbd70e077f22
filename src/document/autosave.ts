import type { GraphDocument } from '../../schemas/graph';

/** The last state of the graph, kept in localStorage so a reload or a crash loses nothing. */
const KEY = 'layerwire:autosave';

export function saveLocally(document: GraphDocument): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(document));
    return true;
  } catch {
    return false; // storage full or disabled: the editor keeps working without it
  }
}

/** The saved JSON, unparsed: the caller validates it like any other file. */
export function loadLocal(): unknown | undefined {
  try {
    const text = localStorage.getItem(KEY);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function clearLocal(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing to clear */
  }
}
