import { z } from 'zod';

/**
 * How big a model may be before the checker warns. The default, 100 MB of
 * float32 weights (about 26M parameters), is where a model stops being
 * comfortable in a browser tab: it must be downloaded before the first
 * prediction, held in memory (twice while uploading to WebGL) and, on phones,
 * stays under the few hundred MB a tab gets before it is killed. FLOPs have no
 * default: what is fast enough depends on the device, so only the person sets it.
 */
export const Budget = z.strictObject({
  weightMB: z
    .number()
    .positive()
    .default(100)
    .describe('most megabytes of weights (float32, 1 MB = 1,048,576 bytes) before the checker warns that the model is too big for a browser'),
  megaflops: z.number().positive().optional().describe('most millions of FLOPs per sample (one forward pass) before the checker warns; no limit when left out'),
});
export type Budget = z.infer<typeof Budget>;
export type BudgetInput = z.input<typeof Budget>;

/** The budget a document without one is held to: the schema's defaults. */
export const DEFAULT_BUDGET: Budget = Budget.parse({});
