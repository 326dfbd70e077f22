import { z } from 'zod';
import { Initializer } from '../common';
import type { Dim } from '../../../schemas/shape';
import { defineLayer, paramsAsConfig, type ShapeProblem, shapes, type WeightSpec } from '../definition';
import { productOfKnown } from '../../shapes';
import { kerasConfigToParams } from '../../import/keras-config';
import { initializerProblem } from '../recurrent/rnn-common';
import { normalizedAxes } from './axes';

const INITIALIZERS = { gamma: 'gammaInitializer', beta: 'betaInitializer', moving_mean: 'movingMeanInitializer', moving_variance: 'movingVarianceInitializer' };

/** tfjs/Keras order: the trainable scale and offset, then the moving statistics; one value per channel. */
function batchNormalizationWeights(channels: Dim, p: { center: boolean; scale: boolean }): WeightSpec[] {
  return [
    ...(p.scale ? [{ name: 'gamma', shape: [channels], trainable: true }] : []),
    ...(p.center ? [{ name: 'beta', shape: [channels], trainable: true }] : []),
    { name: 'moving_mean', shape: [channels], trainable: false },
    { name: 'moving_variance', shape: [channels], trainable: false },
  ];
}

export const BatchNormalization = defineLayer({
  kind: 'BatchNormalization',
  category: 'Normalization',
  help: 'Normalizes each channel (the last axis by default) with the batch statistics while training and their moving averages afterwards, then scales and shifts it.',
  params: z.strictObject({
    axis: z.number().int().default(-1).describe('the channel axis that keeps its own statistics; -1 is the last (use 1 after channelsFirst convolutions)'),
    momentum: z.number().min(0).max(1).default(0.99).describe('how slowly the moving mean and variance follow each batch'),
    epsilon: z.number().positive().default(1e-3).describe('added to the variance to avoid dividing by zero'),
    center: z.boolean().default(true).describe('learn an offset (beta) added after normalizing'),
    scale: z.boolean().default(true).describe('learn a factor (gamma) applied after normalizing'),
    betaInitializer: Initializer.default('zeros').describe('how the offset starts'),
    gammaInitializer: Initializer.default('ones').describe('how the scale starts'),
    movingMeanInitializer: Initializer.default('zeros').describe('how the moving mean starts'),
    movingVarianceInitializer: Initializer.default('ones').describe('how the moving variance starts'),
  }),
  // tfjs's batchNormalization kernel runs only on rank 2 to 4 (rank 5 fails when it runs, not when built).
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2, maxRank: 4 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    const axes = normalizedAxes(input!, params.axis, label);
    if ('problems' in axes) return axes;
    const initializers = initializerProblem(label, batchNormalizationWeights(axes.sizes[0]!, params), params, INITIALIZERS);
    if (initializers) return initializers;
    // tfjs's training path reads gamma and beta unconditionally and throws when either is missing.
    const off = (['scale', 'center'] as const).filter((flag) => !params[flag]);
    if (off.length === 0) return shapes(input!);
    const warning: ShapeProblem = {
      message: `${label} has ${off.join(' and ')} false: tfjs can run it but cannot train it (fit fails reading the missing ${off.map((f) => (f === 'scale' ? 'gamma' : 'beta')).join(' and ')}); keep them true to train in Layerwire`,
        messageZh: `${label} 的 ${off.join(' 和 ')} 为 false：tfjs 能运行但无法训练它（fit 会因读取缺失的 ${off.map((f) => (f === 'scale' ? 'gamma' : 'beta')).join(' 和 ')} 而失败）；如要在 Layerwire 中训练，请保持为 true`,
      severity: 'warning',
      param: off[0],
    };
    return { shapes: [input!], warnings: [warning] };
  },
  weights: ({ inputs: [input], params }) => {
    const axes = normalizedAxes(input!, params.axis, '');
    return batchNormalizationWeights('problems' in axes ? null : axes.sizes[0]!, params);
  },
  // At inference, one multiply and one add per value (scale and offset folded with the statistics).
  flops: ({ inputs: [input] }) => 2 * productOfKnown(input!.slice(1)),
  tfjs: {
    factory: 'batchNormalization',
    config: paramsAsConfig,
  },
  // tf.keras 2 writes the axis of a built layer as a list of one positive axis ([3]); tfjs takes the number.
  fromKeras: (config) => {
    const { params } = kerasConfigToParams({ ...BatchNormalization, fromKeras: undefined }, config);
    return Array.isArray(params.axis) && params.axis.length === 1 ? { ...params, axis: params.axis[0] } : params;
  },
});
