import { z } from 'zod';
import { Activation as ActivationName } from '../common';
import { defineLayer, shapes } from '../definition';

export const Activation = defineLayer({
  kind: 'Activation',
  category: 'Activation',
  help: 'Applies an activation function element by element.',
  params: z.strictObject({
    activation: ActivationName,
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: ({ inputs: [input] }) => shapes(input!),
  flops: ({ inputs: [input] }) => input!.slice(1).reduce<number>((n, d) => n * (typeof d === 'number' ? d : 1), 1),
  tfjs: { factory: 'activation', config: (p) => ({ activation: p.activation }) },
});
