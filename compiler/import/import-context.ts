import { say, type Diagnostic, type Text } from '../diagnostics';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as a message quotes it, in both languages: short, JSON where possible. */
export function describeJson(value: unknown): Text {
  if (value === undefined) return say('nothing', '空（没有值）');
  if (Array.isArray(value)) return value.length === 0 ? say('an empty list', '空列表') : stringifyShallow(value);
  if (isJsonObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return say('an object with no fields', '一个没有字段的对象');
    const names = `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
    return say(`an object with fields ${names}`, `一个对象（字段：${names}）`);
  }
  const json = abbreviate(JSON.stringify(value) ?? String(value));
  return say(json, json);
}

/** JSON text of a list; a hostile file may nest lists deeper than JSON.stringify's recursion can go. */
function stringifyShallow(value: unknown[]): Text {
  try {
    const json = abbreviate(JSON.stringify(value));
    return say(json, json);
  } catch {
    return say(`a list of ${value.length} nested too deeply to show`, `一个含 ${value.length} 项、嵌套过深无法显示的列表`);
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
