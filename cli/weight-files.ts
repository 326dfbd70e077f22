import fs from 'node:fs';
import path from 'node:path';
import { leavesFolderReason, linkLeavesFolderReason, manifestPathLeavesFolder, WeightFileRefused } from '../compiler/import/weight-paths';

/**
 * Reads one weight file a model.json's manifest names. A manifest is data
 * from someone else: it may name only files in model.json's own folder tree,
 * and a symbolic link in that tree may not point out of it either (the real
 * paths are compared, so a link to a file beside the model still works).
 * Returns undefined when there is no such file; throws an Error whose message
 * is the reason, worded to follow "could not be read" (LW408).
 */
export function readWeightFileInside(folder: string, manifestPath: string, modelFileName = 'model.json'): Uint8Array | undefined {
  const target = path.resolve(folder, manifestPath);
  if (manifestPathLeavesFolder(manifestPath) || path.isAbsolute(manifestPath) || !isInside(path.resolve(folder), target)) throw new WeightFileRefused(leavesFolderReason(modelFileName));
  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined; // a dangling link reads as a missing file
    throw new Error(code ?? String(error));
  }
  if (!isInside(fs.realpathSync(folder), real)) throw new WeightFileRefused(linkLeavesFolderReason(real, modelFileName));
  try {
    return new Uint8Array(fs.readFileSync(real));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new Error(code === 'EISDIR' ? 'it is a folder, not a file' : code ?? String(error));
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
