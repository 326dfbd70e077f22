/**
 * How array and union parameters read in the inspector: `3, 3` for [3, 3],
 * `timesteps, 64` for a shape with a named dimension, `?` for an unknown one.
 * Nested arrays and objects fall back to JSON.
 */

const isFlat = (value: unknown[]) => value.every((v) => v === null || typeof v !== 'object');

export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '?';
  if (Array.isArray(value) && isFlat(value)) return value.map((v) => (v === null ? '?' : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class UnreadableToken extends Error {
  constructor(readonly token: string) {
    super(token);
  }
}

function parseToken(token: string): unknown {
  if (token === '?' || token === 'null') return null;
  if (token === 'true' || token === 'false') return token === 'true';
  const n = Number(token);
  if (token !== '' && Number.isFinite(n)) return n;
  if (NAME.test(token)) return token;
  throw new UnreadableToken(token);
}

/** A value, or why the text is not one (the inspector words it in the current language). */
export type ParsedText = { ok: true; value: unknown } | { ok: false; problem: 'json' } | { ok: false; problem: 'token'; token: string };

/** Text → value; `''` means "not set". Validation against the schema happens afterwards. */
export function parseValueText(text: string): ParsedText {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (/^[[{"]/.test(trimmed)) {
    try {
      return { ok: true, value: JSON.parse(trimmed) };
    } catch {
      return { ok: false, problem: 'json' };
    }
  }
  const tokens = trimmed
    .replace(/(\d)\s*[x×]\s*(?=\d)/g, '$1,')
    .split(/\s*[,×]\s*|\s+x\s+|\s+/).filter((t) => t !== '');
  try {
    const values = tokens.map(parseToken);
    const single = values.length === 1 && !/[,×]/.test(trimmed);
    return { ok: true, value: single ? values[0] : values };
  } catch (error) {
    if (error instanceof UnreadableToken) return { ok: false, problem: 'token', token: error.token };
    throw error;
  }
}
