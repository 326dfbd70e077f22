import fs from 'node:fs';
import path from 'node:path';

/** A user-facing failure: printed as one line, no stack trace, exit code 2. */
export class UsageError extends Error {}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? 'unknown error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
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
