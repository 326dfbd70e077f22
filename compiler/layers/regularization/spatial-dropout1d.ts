import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput } from '../core/elementwise';
import { DropRate } from './noise-shape';

export const SpatialDropout1D = defineLayer({
  kind: 'SpatialDropout1D',
  category: 'Regularization',
  help: 'Dropout for sequences [batch, timesteps, features]: during training drops whole features for every timestep at once, since neighbouring steps are alike.',
  params: z.strictObject({
    rate: DropRate.describe('fraction of the features to drop during training, in [0, 1)'),
    seed: z.number().int().optional().describe('random seed, for repeatable runs'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  inferShape: sameShapeAsInput,
  // Nothing at inference.
  flops: () => 0,
  tfjs: { factory: 'spatialDropout1d', config: (p) => ({ rate: p.rate, seed: p.seed }) },
});
