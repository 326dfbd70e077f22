import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape, knownProduct } from '../../shapes';
import { describeUnknown, noInput } from './elementwise';
import { initializerMismatch } from './initializer-fit';

export const Dense = defineLayer({
  kind: 'Dense',
  category: 'Core',
  help: 'Fully connected layer: output = activation(input · kernel + bias), applied to the last axis.',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('linear'),
    useBias: UseBias,
    kernelInitializer: Initializer.default('glorotNormal').describe('how the kernel starts (tfjs defaults to glorotNormal, Keras to glorot_uniform)'),
    biasInitializer: Initializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: {
    kind: 'fixed',
    ports: [{ name: 'in', minRank: 2 }],
  },
  inferShape: ({ inputs: [input], params, label }) => {
    if (!input) return noInput(label);
    const last = input.at(-1);
    if (typeof last !== 'number') {
      return problem(`${label} needs the size of the last axis of its input to be known, but it is ${describeUnknown(last)} in ${formatShape(input)}`, { port: 'in' });
    }
    const kernel = initializerMismatch(params.kernelInitializer, [last, params.units]);
    if (kernel) return problem(`${label} cannot start its kernel: ${kernel}`, { param: 'kernelInitializer' });
    const bias = params.useBias ? initializerMismatch(params.biasInitializer, [params.units]) : undefined;
    if (bias) return problem(`${label} cannot start its bias: ${bias}`, { param: 'biasInitializer' });
    return shapes([...input.slice(0, -1), params.units]);
  },
  weights: ({ inputs: [input], params }) => [
    { name: 'kernel', shape: [input!.at(-1)!, params.units], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [params.units], trainable: true }] : []),
  ],
  // Per position (every axis but the batch and the last): a multiply-add per kernel entry, plus the bias.
  flops: ({ inputs: [input], params }) => {
    const positions = knownProduct(input!.slice(1, -1)) ?? NaN;
    return positions * (2 * Number(input!.at(-1)) * params.units + (params.useBias ? params.units : 0));
  },
  tfjs: {
    factory: 'dense',
    config: (p) => ({ units: p.units, activation: p.activation, useBias: p.useBias, kernelInitializer: p.kernelInitializer, biasInitializer: p.biasInitializer }),
  },
});

