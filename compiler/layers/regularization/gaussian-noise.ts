import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput } from '../core/elementwise';

export const GaussianNoise = defineLayer({
  kind: 'GaussianNoise',
  category: 'Regularization',
  help: 'During training, adds zero-centred Gaussian noise to every value, a regularizer and a cheap data augmentation. Does nothing at inference.',
  params: z.strictObject({
    stddev: z.number().min(0).describe('standard deviation of the noise, in the units of the input'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // Nothing at inference.
  flops: () => 0,
  tfjs: { factory: 'gaussianNoise', config: (p) => ({ stddev: p.stddev }) },
});
