import fs from 'node:fs';
import path from 'node:path';
import type { Dataset, LabelEncoding } from '../runtime/datasets';
import { parseCsvDataset } from '../runtime/datasets/csv';
import type { DataProblem, DataResult } from '../runtime/datasets/data-problem';
import { readImageFolder, type DataFile, type ImageSize } from '../runtime/datasets/image-folder';
import { unzipFiles } from '../runtime/datasets/zip';
import { UsageError } from './files';

export interface UserDataOptions {
  /** CSV only: the label columns, and the feature columns (all others when left out). */
  labels: string[];
  features?: string[];
  labelEncoding: LabelEncoding;
  /** Images only: what the model's Input asks for. */
  imageSize: Partial<ImageSize>;
}

/**
 * The Node side of a person's own data for `layerwire train --data PATH`: a
 * folder of class folders or a .zip of one becomes an image dataset,
 * anything else is read as CSV. Reading files is all it does; the datasets
 * come from runtime/datasets, the same code the page runs. Problems become
 * one UsageError (exit 2), a line each.
 */
export async function readUserDataset(dataPath: string, options: UserDataOptions): Promise<Dataset> {
  const stat = statOrThrow(dataPath);
  const csvFlags = options.labels.length > 0 || options.features !== undefined;
  if (stat.isDirectory() || isZip(dataPath)) {
    if (csvFlags) throw new UsageError(`--label and --features are for CSV data; ${dataPath} is ${stat.isDirectory() ? 'a folder' : 'a zip'} of images, labelled by their folders`);
    let files: DataFile[];
    if (stat.isDirectory()) files = filesUnder(dataPath);
    else {
      const unzipped = unzipFiles(readBytes(dataPath), dataPath);
      if (!unzipped.ok) throw problemsError(dataPath, unzipped.problems);
      files = unzipped.files;
    }
    return datasetOrThrow(dataPath, await readImageFolder(files, { name: dataPath, size: options.imageSize }));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readBytes(dataPath));
  } catch {
    throw new UsageError(`${dataPath}: not valid UTF-8 text; save the CSV as UTF-8`);
  }
  if (options.labels.length === 0) {
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!;
    throw new UsageError(`${dataPath}: a CSV needs --label COLUMN, the column to predict; its header is: ${header}`);
  }
  return datasetOrThrow(dataPath, parseCsvDataset(text, { fileName: dataPath, labels: options.labels, features: options.features, labelEncoding: options.labelEncoding }));
}

const isZip = (file: string) => /\.zip$/i.test(file);

function datasetOrThrow(dataPath: string, result: DataResult<Dataset>): Dataset {
  if (result.ok) return result.dataset;
  throw problemsError(dataPath, result.problems);
}

/** A problem inside a folder or zip names its file there; the path given to --data goes in front. */
const problemsError = (dataPath: string, problems: DataProblem[]) =>
  new UsageError(problems.map((p) => (p.text.en.startsWith(dataPath) ? p.text.en : `${dataPath}: ${p.text.en}`)).join('\n'));

function statOrThrow(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--data ${file}: cannot read it (${code === 'ENOENT' ? 'no such file or folder' : code ?? 'unknown error'})`);
  }
}

function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (error) {
    throw new UsageError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

/** Every file under `root`, '/'-separated and relative to it, and every folder with a trailing '/', so an empty class folder can be reported. */
function filesUnder(root: string): DataFile[] {
  const files: DataFile[] = [];
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (entry.isDirectory()) files.push({ path: `${relative}/`, bytes: new Uint8Array() });
    else if (entry.isFile()) files.push({ path: relative, bytes: readBytes(path.join(entry.parentPath, entry.name)) });
  }
  return files;
}
