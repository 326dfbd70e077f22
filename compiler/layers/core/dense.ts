import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { productOfKnown } from '../../shapes';

export const Dense = defineLayer({
  kind: 'Dense',
  category: 'Core',
  help: 'Fully connected layer: output = activation(input · kernel + bias), applied to the last axis.',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('linear'),
    useBias: UseBias,
    kernelInitializer: Initializer.default('glorotUniform').describe('how the kernel starts'),
    biasInitializer: Initializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: {
    kind: 'fixed',
    ports: [{ name: 'in', minRank: 2 }],
  },
  inferShape: ({ inputs: [input], params, label }) => {
    const last = input!.at(-1);
    if (last === null || typeof last === 'string') {
      return problem(`${label} needs the size of the last axis of its input to be known, but it is ${last === null ? 'unknown' : `"${last}"`}`, { port: 'in' });
    }
    return shapes([...input!.slice(0, -1), params.units]);
  },
  weights: ({ inputs: [input], params }) => [
    { name: 'kernel', shape: [input!.at(-1)!, params.units], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [params.units], trainable: true }] : []),
  ],
  flops: ({ inputs: [input], params }) => {
    const positions = productOfKnown(input!.slice(1, -1));
    return positions * (2 * Number(input!.at(-1)) * params.units + (params.useBias ? params.units : 0));
  },
  tfjs: {
    factory: 'dense',
    config: (p) => ({ units: p.units, activation: p.activation, useBias: p.useBias, kernelInitializer: p.kernelInitializer, biasInitializer: p.biasInitializer }),
  },
});
