import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput } from '../core/elementwise';
import { DropRate } from './noise-shape';

export const GaussianDropout = defineLayer({
  kind: 'GaussianDropout',
  category: 'Regularization',
  help: 'During training, multiplies every value by Gaussian noise centred on 1 with standard deviation sqrt(rate / (1 - rate)). Does nothing at inference.',
  params: z.strictObject({
    rate: DropRate.describe('drop probability, as in Dropout, in [0, 1)'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // Nothing at inference.
  flops: () => 0,
  tfjs: { factory: 'gaussianDropout', config: (p) => ({ rate: p.rate }) },
});
