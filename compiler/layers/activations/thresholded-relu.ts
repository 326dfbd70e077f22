import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput, valuesPerSample } from '../core/elementwise';

export const ThresholdedReLU = defineLayer({
  kind: 'ThresholdedReLU',
  category: 'Activation',
  help: 'Passes x where x > theta and gives 0 elsewhere.',
  params: z.strictObject({
    theta: z.number().default(1).describe('threshold: values at or below it become 0'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // A comparison and a multiply per value.
  flops: ({ inputs: [input] }) => 2 * valuesPerSample(input),
  tfjs: { factory: 'thresholdedReLU', config: (p) => ({ theta: p.theta }) },
});
