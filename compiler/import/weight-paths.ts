/**
 * A weights manifest is data from someone else: it may name only files in
 * model.json's own folder tree. One rule for the CLI (files on disk) and the
 * browser (files the user opened together), and one reason for LW408.
 * Pure string work, no `node:path`: it runs in the browser too.
 */
import { say, type Text } from '../diagnostics';

/** True when `manifestPath` is absolute (POSIX, Windows or UNC) or climbs above its folder with `..`. */
export function manifestPathLeavesFolder(manifestPath: string): boolean {
  if (/^([\\/]|[a-zA-Z]:)/.test(manifestPath)) return true;
  let depth = 0;
  for (const segment of manifestPath.split(/[\\/]/)) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * Thrown by a weight-file reader that refuses a file: its reason is shown
 * inside LW408 ("… could not be read (<reason>)") in both languages.
 */
export class WeightFileRefused extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
  }
}

/** The reason LW408 gives for such a path. */
export const leavesFolderReason = (modelFileName: string): Text =>
  say(`the path leaves the folder of ${modelFileName}; weight files must sit beside it`, `路径超出了 ${modelFileName} 所在的文件夹；权重文件必须放在它旁边`);

/** The reason LW408 gives for a symbolic link whose target lies outside the model's folder. */
export const linkLeavesFolderReason = (target: string, modelFileName: string): Text =>
  say(
    `it is a symbolic link to ${target}, outside the folder of ${modelFileName}; weight files must sit beside it`,
    `它是指向 ${target} 的符号链接，位于 ${modelFileName} 所在文件夹之外；权重文件必须放在它旁边`,
  );
