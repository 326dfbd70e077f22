/**
 * A zip archive's entries as the file list image-folder.ts reads: fflate's
 * unzipSync, pure JS, the same in Node and the page. Folders keep their
 * trailing '/', so an empty class folder can still be reported.
 */
import { unzipSync } from 'fflate';
import { say } from '../../compiler/diagnostics';
import type { DataProblem } from './data-problem';

/** One file of a person's data: its path inside the folder or zip ('/'-separated; a folder's ends in '/') and its bytes. */
export interface DataFile {
  path: string;
  bytes: Uint8Array;
}

export function unzipFiles(bytes: Uint8Array, zipName: string): { ok: true; files: DataFile[] } | { ok: false; problems: DataProblem[] } {
  try {
    const entries = unzipSync(bytes);
    return { ok: true, files: Object.entries(entries).map(([path, data]) => ({ path, bytes: data })) };
  } catch (error) {
    return { ok: false, problems: [{ file: zipName, text: say(`${zipName}: not a readable zip file (${(error as Error).message})`, `${zipName}：不是可读取的 zip 文件（${(error as Error).message}）`) }] };
  }
}
