import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';

export const LSTM = defineLayer({
  kind: 'LSTM',
  category: 'Recurrent',
  help: 'Long short-term memory over a sequence [batch, timesteps, features]: returns the last output, or every step with returnSequences.',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('tanh'),
    recurrentActivation: Activation.default('hardSigmoid').describe('activation of the gates (tfjs defaults to hardSigmoid, Keras to sigmoid)'),
    useBias: UseBias,
    unitForgetBias: z.boolean().default(true).describe('start the forget gate bias at 1'),
    returnSequences: z.boolean().default(false).describe('output every timestep ([batch, timesteps, units]) instead of the last'),
    returnState: z.boolean().default(false).describe('also output the final hidden and cell states'),
    goBackwards: z.boolean().default(false).describe('read the sequence in reverse'),
    dropout: z.number().min(0).max(1).default(0).describe('dropout on the inputs, during training'),
    recurrentDropout: z.number().min(0).max(1).default(0).describe('dropout on the recurrent state, during training'),
    kernelInitializer: Initializer.default('glorotUniform'),
    recurrentInitializer: Initializer.default('orthogonal'),
    biasInitializer: Initializer.default('zeros'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  outputs: (p) => (p.returnState ? ['out', 'stateH', 'stateC'] : ['out']),
  inferShape: ({ inputs: [input], params, label }) => {
    const [batch, timesteps, features] = input!;
    if (typeof features !== 'number') {
      return problem(`${label} needs the feature size (last axis) of its input to be known`, { port: 'in' });
    }
    const out = params.returnSequences ? [batch!, timesteps!, params.units] : [batch!, params.units];
    return params.returnState ? shapes(out, [batch!, params.units], [batch!, params.units]) : shapes(out);
  },
  weights: ({ inputs: [input], params }) => [
    { name: 'kernel', shape: [input![2]!, 4 * params.units], trainable: true },
    { name: 'recurrent_kernel', shape: [params.units, 4 * params.units], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [4 * params.units], trainable: true }] : []),
  ],
  flops: ({ inputs: [input], params }) => {
    const steps = typeof input![1] === 'number' ? input![1] : 1;
    const features = Number(input![2]);
    // Four gates, each a matmul of the input and of the state, plus the element-wise cell update.
    return steps * (2 * 4 * params.units * (features + params.units) + 10 * params.units);
  },
  tfjs: {
    factory: 'lstm',
    config: (p) => ({
      units: p.units,
      activation: p.activation,
      recurrentActivation: p.recurrentActivation,
      useBias: p.useBias,
      unitForgetBias: p.unitForgetBias,
      returnSequences: p.returnSequences,
      returnState: p.returnState,
      goBackwards: p.goBackwards,
      dropout: p.dropout,
      recurrentDropout: p.recurrentDropout,
      kernelInitializer: p.kernelInitializer,
      recurrentInitializer: p.recurrentInitializer,
      biasInitializer: p.biasInitializer,
    }),
  },
});
