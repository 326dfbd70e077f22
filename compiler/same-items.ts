/** Whether two lists hold the same items in the same order, by `same` (by default the same value or object, `===`). */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = identical): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

const identical = (x: unknown, y: unknown): boolean => x === y;
