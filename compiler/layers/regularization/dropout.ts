import { z } from 'zod';
import { defineLayer } from '../definition';
import { DropRate, maskedShape, NoiseShape } from './noise-shape';

export const Dropout = defineLayer({
  kind: 'Dropout',
  category: 'Regularization',
  help: 'During training, sets a random fraction of the inputs to zero (and scales the rest) to reduce overfitting. Does nothing at inference.',
  params: z.strictObject({
    rate: DropRate,
    noiseShape: NoiseShape,
    seed: z.number().int().optional().describe('random seed, for repeatable runs'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: ({ inputs: [input], params, label }) => maskedShape(input, params.noiseShape, label),
  // Nothing at inference.
  flops: () => 0,
  tfjs: { factory: 'dropout', config: (p) => ({ rate: p.rate, noiseShape: p.noiseShape && [...p.noiseShape], seed: p.seed }) },
});
