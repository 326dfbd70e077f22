import { z } from 'zod';
import { defineLayer } from '../definition';
import { DropRate, maskedShape, NoiseShape } from './noise-shape';

export const AlphaDropout = defineLayer({
  kind: 'AlphaDropout',
  category: 'Regularization',
  help: 'Dropout for self-normalizing networks (selu activations): during training, keeps the mean and variance of the inputs. Does nothing at inference.',
  params: z.strictObject({
    rate: DropRate.describe('drop probability, in [0, 1)'),
    noiseShape: NoiseShape.describe('shape of the random keep/drop mask, batch axis first; a 1 shares one draw along that axis. Note: tfjs does not save it in model.json'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: ({ inputs: [input], params, label }) => maskedShape(input, params.noiseShape, label),
  // Nothing at inference.
  flops: () => 0,
  tfjs: { factory: 'alphaDropout', config: (p) => ({ rate: p.rate, noiseShape: p.noiseShape && [...p.noiseShape] }) },
});
