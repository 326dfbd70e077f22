/**
 * The file readers behind "Your data…", loaded only when a person picks a
 * file: the CSV parser, the PNG/JPEG decoders and the unzipper are not needed
 * before first paint.
 */
import Papa from 'papaparse';

export { parseCsvDataset } from '../../runtime/datasets/csv';
export { imageSizeForInput, readImageFolder } from '../../runtime/datasets/image-folder';
export { unzipFiles } from '../../runtime/datasets/zip';

/** The header and the first `rows` rows of a CSV text, as cells: for the column chooser's preview. */
export const previewRows = (text: string, rows: number): string[][] => Papa.parse<string[]>(text, { preview: rows, skipEmptyLines: true }).data;
