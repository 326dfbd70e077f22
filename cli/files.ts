import fs from 'node:fs';
import path from 'node:path';
import { pathDeeperThan, tooDeepReason } from '../schemas/json-depth';

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
  const tooDeep = pathDeeperThan(json);
  if (tooDeep) throw new UsageError(`${file}: ${tooDeepReason(tooDeep).en}`);
  return json;
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
 * Writes all files or none. Each is written beside its target under a
 * temporary name first; only once every file exists are the old targets moved
 * aside (same folder, so renames cannot cross devices) and the new ones
 * renamed in. Any failure puts the old files back and removes whatever this
 * call created, folders included: model.json never ends up beside old weights.
 */
export function writeFilesAtomically(files: { path: string; data: string | Uint8Array }[]): void {
  const suffix = `${process.pid}.${Date.now().toString(36)}`;
  const createdFolders: string[] = [];
  const temporary: { from: string; to: string }[] = [];
  const movedAside: { from: string; to: string }[] = [];
  const renamedIn: string[] = [];
  try {
    for (const file of files) {
      // mkdirSync names the first folder it had to create: removing that one removes all it created.
      const created = fs.mkdirSync(path.dirname(file.path), { recursive: true });
      if (created) createdFolders.push(created);
      const tmp = `${file.path}.${suffix}.tmp`;
      temporary.push({ from: tmp, to: file.path });
      fs.writeFileSync(tmp, file.data);
    }
    for (const { from, to } of temporary) {
      const existing = lstatOrUndefined(to);
      if (existing?.isDirectory()) throw new Error(`${to} is a folder`);
      if (existing) {
        const aside = `${to}.${suffix}.old`;
        fs.renameSync(to, aside);
        movedAside.push({ from: to, to: aside });
      }
      fs.renameSync(from, to);
      renamedIn.push(to);
    }
  } catch (error) {
    // Undo in reverse, and keep going past a step that fails: restoring the rest matters more.
    const attempt = (step: () => void) => {
      try {
        step();
      } catch {
        /* best effort */
      }
    };
    for (const target of renamedIn.reverse()) attempt(() => fs.rmSync(target, { force: true }));
    for (const { from, to } of movedAside.reverse()) attempt(() => fs.renameSync(to, from));
    for (const { from } of temporary) attempt(() => fs.rmSync(from, { force: true }));
    for (const folder of createdFolders.reverse()) attempt(() => fs.rmSync(folder, { recursive: true, force: true }));
    throw new UsageError(`cannot write ${files.map((f) => f.path).join(', ')}: ${(error as Error).message}`);
  }
  // The new set is in place; an old file that cannot be removed is only litter, not a failure.
  for (const { to } of movedAside) {
    try {
      fs.rmSync(to, { force: true });
    } catch {
      /* litter */
    }
  }
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
