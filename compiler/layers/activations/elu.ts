import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput, valuesPerSample } from '../core/elementwise';

export const ELU = defineLayer({
  kind: 'ELU',
  category: 'Activation',
  help: 'Exponential linear unit: x for x > 0, alpha · (exp(x) − 1) below: smooth, with negative outputs that push mean activations towards zero.',
  params: z.strictObject({
    alpha: z
      .number()
      .refine((a) => a === 1, "tfjs's ELU layer supports only alpha = 1")
      .default(1)
      .describe('scale of the negative part; tfjs supports only 1'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // A comparison and an exp per value.
  flops: ({ inputs: [input] }) => 2 * valuesPerSample(input),
  tfjs: { factory: 'elu', config: (p) => ({ alpha: p.alpha }) },
});
