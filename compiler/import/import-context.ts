import type { Diagnostic } from '../diagnostics';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as a message quotes it: short, JSON where possible. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : abbreviate(stringifyShallow(value));
  if (isJsonObject(value)) return `an object with ${Object.keys(value).length ? `fields ${Object.keys(value).slice(0, 5).join(', ')}${Object.keys(value).length > 5 ? ', …' : ''}` : 'no fields'}`;
  return abbreviate(JSON.stringify(value) ?? String(value));
}

/** JSON text of a list; a hostile file may nest lists deeper than JSON.stringify's recursion can go. */
function stringifyShallow(value: unknown[]): string {
  try {
    return JSON.stringify(value);
  } catch {
    return `a list of ${value.length} nested too deeply to show`;
  }
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `config.layers[3].inbound_nodes`: JSON paths inside the imported file. */
export function field(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : undefined;
  if (!path) return safe ?? `[${JSON.stringify(key)}]`;
  return safe ? `${path}.${safe}` : `${path}[${JSON.stringify(key)}]`;
}

/** What every importer step shares: the file being read and where its findings go. */
export interface ImportContext {
  /** How messages name the file, e.g. `model.json`. */
  fileName: string;
  diagnostics: Diagnostic[];
}
