/**
 * The only two ways user text reaches generated TypeScript: as a string
 * literal, or as an identifier made by a Namespace. That is the code-injection
 * defence — names with quotes, backticks, newlines or `${` stay inert.
 */

/** Any text as a single-quoted TypeScript string literal. */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(text); // escapes quotes, backslashes, control characters
  const body = json
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${body}'`;
}

/** Text inside a `//` or `/* *\/` comment: one line, no comment terminators. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /');
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private ' +
    'protected public static yield any boolean constructor declare get module require number set string symbol type from of async await ' +
    'undefined NaN Infinity arguments eval tf Object Array Math JSON Number String Boolean Symbol Promise Error Map Set console globalThis window'
  ).split(' '),
);

const IDENTIFIER_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Hands out unique identifiers that never shadow a keyword, a builtin or `tf`. */
export class Namespace {
  private readonly used = new Set<string>(RESERVED);

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  create(text: string): string {
    const words = text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
    let base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
    if (!base) base = 'layer';
    if (/^[0-9]/.test(base)) base = `_${base}`;
    let name = base;
    for (let n = 1; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }
}

/** A JSON-like value as TypeScript source: identifier keys bare, everything else quoted. */
export function valueLiteral(value: unknown, raw: (v: unknown) => string | undefined = () => undefined): string {
  const custom = raw(value);
  if (custom !== undefined) return custom;
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => valueLiteral(v, raw)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${IDENTIFIER_KEY.test(k) ? k : stringLiteral(k)}: ${valueLiteral(v, raw)}`).join(', ')} }`;
  }
  return 'undefined';
}
