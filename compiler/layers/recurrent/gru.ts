import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { checkFeatures, checkTimesteps, Dropout, gatedFlops, gatedWeights, GoBackwards, initializerProblem, KERNEL_INITIALIZERS, RecurrentDropout, ReturnSequences, sequenceOutputShapes, sequencePorts } from './rnn-common';
import { say } from '../../diagnostics';

export const GRU = defineLayer({
  kind: 'GRU',
  category: 'Recurrent',
  help: 'Gated recurrent unit over a sequence [batch, timesteps, features]: like LSTM with two gates and one state; returns the last output, or every step with returnSequences.',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('tanh').describe('activation of the candidate state'),
    recurrentActivation: Activation.default('hardSigmoid').describe('activation of the update and reset gates (tfjs defaults to hardSigmoid, Keras to sigmoid)'),
    useBias: UseBias,
    resetAfter: z
      .boolean()
      .default(false)
      .describe('apply the reset gate after the recurrent matmul; tfjs supports only false (Keras defaults to true, with a [2, 3·units] bias)'),
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
  inferShape: ({ inputs: [input], params, label }) => {
    if (params.resetAfter) {
      // tfjs's GRUCell throws for it; Keras models saved with its default need converting.
      return problem(say(`${label} has resetAfter true, which tfjs cannot run (Keras's default since 2.x); set it to false and retrain, or convert the weights`, `${label} 的 resetAfter 为 true，tfjs 无法运行（这是 Keras 2.x 起的默认值）；请设为 false 并重新训练，或转换权重`), {
        param: 'resetAfter',
      });
    }
    return (
      checkFeatures(input!, label) ??
      checkTimesteps(input!, label) ??
      initializerProblem(label, gatedWeights(input![2]!, params.units, 3, params.useBias), params, KERNEL_INITIALIZERS) ??
      shapes(...sequenceOutputShapes(input!, [params.units], params, 1))
    );
  },
  weights: ({ inputs: [input], params }) => gatedWeights(input![2]!, params.units, 3, params.useBias),
  // Three gates, each a matmul of the input and of the state, plus the gate products and the blend.
  flops: ({ inputs: [input], params }) => gatedFlops(input!, params.units, 3, 8),
  tfjs: {
    factory: 'gru',
    // `resetAfter` is not in tfjs's GRULayerArgs; inferShape refuses anything but its default.
    config: (p) => ({
      units: p.units,
      activation: p.activation,
      recurrentActivation: p.recurrentActivation,
      useBias: p.useBias,
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
