import fs from 'node:fs';
import path from 'node:path';
import { formatJsonPath } from '../schemas/parse';

/** A user-facing failure: printed as one line, no stack trace, exit code 2. */
export class UsageError extends Error {}

export function readJsonFile(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? 'unknown error'})`);
  }
  let text: string;
  try {
    // Fatal: a broken byte must not turn silently into U+FFFD inside a name; keep the BOM to refuse it by name below.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file}: not valid UTF-8 (the byte ${firstInvalidUtf8Byte(bytes)}); save it as UTF-8`);
  }
  if (text.startsWith('\uFEFF')) throw new UsageError(`${file}: starts with a byte order mark (BOM), which JSON does not allow; save it as UTF-8 without BOM`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') throw new UsageError(`${file}: the file is empty; expected a Layerwire graph or a model JSON`);
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})${lineAndColumn(text, (error as Error).message)}`);
  }
  const tooDeep = pathDeeperThan(json, MAX_JSON_DEPTH);
  if (tooDeep) throw new UsageError(`${file}: nested deeper than ${MAX_JSON_DEPTH} levels at ${formatJsonPath(tooDeep.slice(0, 12))}${tooDeep.length > 12 ? '…' : ''}; no model needs that, and the recursive parts of Layerwire would run out of stack`);
  return json;
}

/** Real models nest a few dozen levels (Keras: about five per nested model); this leaves room for plenty of those. */
export const MAX_JSON_DEPTH = 512;

/** The path to the first value nested deeper than `limit`, found without recursion (the input may be 100,000 levels deep). */
function pathDeeperThan(root: unknown, limit: number): PropertyKey[] | undefined {
  interface Visit {
    value: object;
    depth: number;
    key?: PropertyKey;
    parent?: Visit;
  }
  if (root === null || typeof root !== 'object') return undefined;
  const stack: Visit[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit.depth >= limit) {
      const path: PropertyKey[] = [];
      for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.unshift(v.key!);
      return path;
    }
    for (const [key, child] of Object.entries(visit.value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: visit.depth + 1, key: Array.isArray(visit.value) ? Number(key) : key, parent: visit });
    }
  }
  return undefined;
}

/** V8 says `at position 78`; people's editors count lines and columns. */
function lineAndColumn(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position || /\bline\b/.test(message)) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** Where decoding fails, for the message: `at offset 57`. */
function firstInvalidUtf8Byte(bytes: Uint8Array): string {
  let low = 0;
  let high = bytes.length; // the prefix of length `low` decodes; of length `high` does not
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid;
    }
  }
  return `at offset ${low}`;
}

/**
 * Writes all files or none: each is written beside its target under a
 * temporary name first and renamed into place only once every file exists.
 */
export function writeFilesAtomically(files: { path: string; data: string | Uint8Array }[]): void {
  const temporary: { from: string; to: string }[] = [];
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(file.path), { recursive: true });
      const tmp = `${file.path}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, file.data);
      temporary.push({ from: tmp, to: file.path });
    }
    for (const { from, to } of temporary) fs.renameSync(from, to);
  } catch (error) {
    for (const { from } of temporary) fs.rmSync(from, { force: true });
    throw new UsageError(`cannot write ${files.map((f) => f.path).join(', ')}: ${(error as Error).message}`);
  }
}
