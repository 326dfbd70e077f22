import { z } from 'zod';

/**
 * One tensor dimension: a size, `null` when unknown (the batch, usually), or a
 * named symbol such as `"timesteps"` that stays unknown to tfjs but keeps its
 * name in the editor and in diagnostics.
 */
export const Dim = z.union([
  z.number().int().nonnegative(),
  z.null(),
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a symbolic dimension is a name like "timesteps"'),
]);
export type Dim = z.infer<typeof Dim>;

/** A tensor shape, batch dimension included where it is part of a layer's output. */
export const Shape = z.array(Dim);
export type Shape = z.infer<typeof Shape>;
