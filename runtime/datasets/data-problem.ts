import type { Text } from '../../compiler/diagnostics';

/**
 * A mistake in a person's own data file, located where they will look for
 * it: the file (inside a folder or zip: its path there), and for a CSV the
 * line as an editor numbers it (header = line 1) and the column (1-based).
 * `text` holds the whole message in English and Chinese, location included.
 */
export interface DataProblem {
  file: string;
  line?: number;
  column?: number;
  text: Text;
}

/** What reading a person's data gives: a dataset, or every problem found (up to a cap) so they can fix them all at once. */
export type DataResult<T> = { ok: true; dataset: T } | { ok: false; problems: DataProblem[] };

/** More than this many problems are summed up in one last line: a wrong delimiter would otherwise give one per row. */
export const MAX_PROBLEMS = 20;

/** Keeps the first MAX_PROBLEMS problems and says how many more there were. */
export function capProblems(file: string, problems: DataProblem[]): DataProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { file, text: { en: `${file}: … and ${more} more problem${more === 1 ? '' : 's'}`, zh: `${file}：……另有 ${more} 个问题` } }];
}
