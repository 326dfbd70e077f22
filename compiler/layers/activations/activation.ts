import { z } from 'zod';
import { Activation as ActivationName } from '../common';
import { defineLayer } from '../definition';
import { sameShapeAsInput, valuesPerSample } from '../core/elementwise';

export const Activation = defineLayer({
  kind: 'Activation',
  category: 'Activation',
  help: 'Applies an activation function to every value; softmax normalizes over the last axis.',
  params: z.strictObject({
    activation: ActivationName,
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // Counted as one operation per value, whatever the function.
  flops: ({ inputs: [input] }) => valuesPerSample(input),
  tfjs: { factory: 'activation', config: (p) => ({ activation: p.activation }) },
});
