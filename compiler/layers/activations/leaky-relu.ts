import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput, valuesPerSample } from '../core/elementwise';

export const LeakyReLU = defineLayer({
  kind: 'LeakyReLU',
  category: 'Activation',
  help: 'Leaky rectified linear unit: x for x ≥ 0, alpha · x below, so negative inputs still pass a small gradient.',
  params: z.strictObject({
    alpha: z.number().default(0.3).describe('slope for negative inputs (Keras 3 calls it negative_slope)'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // A comparison and a multiply per value.
  flops: ({ inputs: [input] }) => 2 * valuesPerSample(input),
  tfjs: { factory: 'leakyReLU', config: (p) => ({ alpha: p.alpha }) },
  // Keras 2 and tfjs write `alpha`, Keras 3 `negative_slope`.
  fromKeras: (config) => {
    const alpha = config.alpha ?? config.negative_slope;
    return typeof alpha === 'number' ? { alpha } : {};
  },
});
