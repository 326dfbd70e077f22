import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, paramsAsConfig, shapes } from '../definition';
import { checkFeatures, checkTimesteps, Dropout, gatedFlops, gatedWeights, GoBackwards, initializerProblem, KERNEL_INITIALIZERS, RecurrentDropout, ReturnSequences, sequenceOutputShapes, sequencePorts } from './rnn-common';

export const LSTM = defineLayer({
  kind: 'LSTM',
  category: 'Recurrent',
  help: 'Long short-term memory over a sequence [batch, timesteps, features]: returns the last output, or every step with returnSequences.',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('tanh').describe('activation of the cell input and of the output'),
    recurrentActivation: Activation.default('hardSigmoid').describe('activation of the gates (tfjs defaults to hardSigmoid, Keras to sigmoid)'),
    useBias: UseBias,
    unitForgetBias: z.boolean().default(false).describe('start the forget gate bias at 1 (Keras does by default; tfjs does not)'),
    returnSequences: ReturnSequences,
    returnState: z.boolean().default(false).describe('also output the final hidden and cell states'),
    goBackwards: GoBackwards,
    dropout: Dropout,
    recurrentDropout: RecurrentDropout,
    kernelInitializer: Initializer.default('glorotNormal').describe('how the input kernel starts'),
    recurrentInitializer: Initializer.default('orthogonal').describe('how the recurrent kernel starts'),
    biasInitializer: Initializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  outputs: (p) => sequencePorts(p, ['stateH', 'stateC']),
  inferShape: ({ inputs: [input], params, label }) =>
    checkFeatures(input!, label) ??
    checkTimesteps(input!, label) ??
    initializerProblem(label, gatedWeights(input![2]!, params.units, 4, params.useBias), params, KERNEL_INITIALIZERS) ??
    shapes(...sequenceOutputShapes(input!, [params.units], params, 2)),
  weights: ({ inputs: [input], params }) => gatedWeights(input![2]!, params.units, 4, params.useBias),
  // Four gates, each a matmul of the input and of the state, plus the element-wise cell update.
  flops: ({ inputs: [input], params }) => gatedFlops(input!, params.units, 4, 10),
  tfjs: {
    factory: 'lstm',
    config: paramsAsConfig,
  },
});
