import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, paramsAsConfig, shapes } from '../definition';
import { checkFeatures, checkTimesteps, Dropout, gatedFlops, gatedWeights, GoBackwards, initializerProblem, KERNEL_INITIALIZERS, RecurrentDropout, ReturnSequences, sequenceOutputShapes, sequencePorts } from './rnn-common';

export const SimpleRNN = defineLayer({
  kind: 'SimpleRNN',
  category: 'Recurrent',
  help: 'Plain recurrent layer over a sequence [batch, timesteps, features]: state = activation(input · kernel + state · recurrentKernel + bias).',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('tanh').describe('activation of the new state (the output)'),
    useBias: UseBias,
    returnSequences: ReturnSequences,
    returnState: z.boolean().default(false).describe('also output the final state'),
    goBackwards: GoBackwards,
    dropout: Dropout,
    recurrentDropout: RecurrentDropout,
    kernelInitializer: Initializer.default('glorotNormal').describe('how the input kernel starts (tfjs defaults to glorotNormal, Keras to glorotUniform)'),
    recurrentInitializer: Initializer.default('orthogonal').describe('how the recurrent kernel starts'),
    biasInitializer: Initializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  outputs: (p) => sequencePorts(p, ['state']),
  inferShape: ({ inputs: [input], params, label }) =>
    checkFeatures(input!, label) ??
    checkTimesteps(input!, label) ??
    initializerProblem(label, gatedWeights(input![2]!, params.units, 1, params.useBias), params, KERNEL_INITIALIZERS) ??
    shapes(...sequenceOutputShapes(input!, [params.units], params, 1)),
  weights: ({ inputs: [input], params }) => gatedWeights(input![2]!, params.units, 1, params.useBias),
  // One matmul of the input and one of the state, then the bias add and the activation.
  flops: ({ inputs: [input], params }) => gatedFlops(input!, params.units, 1, 2),
  tfjs: {
    factory: 'simpleRNN',
    config: paramsAsConfig,
  },
});
