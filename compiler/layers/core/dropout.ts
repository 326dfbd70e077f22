import { z } from 'zod';
import { defineLayer, shapes } from '../definition';

export const Dropout = defineLayer({
  kind: 'Dropout',
  category: 'Regularization',
  help: 'During training, sets a random fraction of the inputs to zero (and scales the rest) to reduce overfitting. Does nothing at inference.',
  params: z.strictObject({
    rate: z.number().min(0).lt(1).describe('fraction of the inputs to drop, in [0, 1)'),
    noiseShape: z.array(z.number().int().positive().nullable()).optional().describe('shape of the binary dropout mask; leave empty to drop each value independently'),
    seed: z.number().int().optional().describe('random seed, for repeatable runs'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: ({ inputs: [input] }) => shapes(input!),
  tfjs: { factory: 'dropout', config: (p) => ({ rate: p.rate, noiseShape: p.noiseShape, seed: p.seed }) },
});
