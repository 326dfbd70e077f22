import { z } from 'zod';

const Amount = z.number().int().nonnegative();
const Pair = z.tuple([Amount, Amount]);

/**
 * Rows and columns to add or remove at the edges of an image, in tfjs's three
 * spellings: `n` for every edge, `[rows, cols]` for both ends of each axis, or
 * `[[top, bottom], [left, right]]`.
 */
export const EdgeAmounts = z.union([Amount, Pair, z.tuple([Pair, Pair])]);
export type EdgeAmounts = z.infer<typeof EdgeAmounts>;

/** `[[top, bottom], [left, right]]`, the way tfjs normalizes any spelling. */
export function edgePairs(value: EdgeAmounts): [[number, number], [number, number]] {
  if (typeof value === 'number') return [[value, value], [value, value]];
  const [rows, cols] = value;
  if (typeof rows === 'number' && typeof cols === 'number') return [[rows, rows], [cols, cols]];
  return value as [[number, number], [number, number]];
}
