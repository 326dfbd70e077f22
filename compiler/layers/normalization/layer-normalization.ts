import { z } from 'zod';
import { Initializer } from '../common';
import type { Dim } from '../../../schemas/shape';
import { defineLayer, paramsAsConfig, shapes, type WeightSpec } from '../definition';
import { productOfKnown } from '../../shapes';
import { initializerProblem } from '../recurrent/rnn-common';
import { normalizedAxes } from './axes';

const INITIALIZERS = { gamma: 'gammaInitializer', beta: 'betaInitializer' };

/** tfjs/Keras order: scale, then offset, each shaped like the normalized axes (in the order given). */
function layerNormalizationWeights(sizes: Dim[], p: { center: boolean; scale: boolean }): WeightSpec[] {
  return [
    ...(p.scale ? [{ name: 'gamma', shape: sizes, trainable: true }] : []),
    ...(p.center ? [{ name: 'beta', shape: sizes, trainable: true }] : []),
  ];
}

export const LayerNormalization = defineLayer({
  kind: 'LayerNormalization',
  category: 'Normalization',
  help: 'Normalizes each sample over its last axis (or the given axes) to mean 0 and variance 1, then scales and shifts it; the same in training and inference.',
  params: z.strictObject({
    axis: z
      .union([z.number().int(), z.array(z.number().int()).min(1)])
      .default(-1)
      .describe('axis or axes to normalize over; -1 is the last. The learned scale and offset have the shape of these axes'),
    epsilon: z.number().positive().default(1e-3).describe('added to the variance to avoid dividing by zero'),
    center: z.boolean().default(true).describe('learn an offset (beta) added after normalizing'),
    scale: z.boolean().default(true).describe('learn a factor (gamma) applied after normalizing'),
    betaInitializer: Initializer.default('zeros').describe('how the offset starts'),
    gammaInitializer: Initializer.default('ones').describe('how the scale starts'),
  }),
  // tfjs's batchNormalization kernel, which it uses, runs only on rank 2 to 4.
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2, maxRank: 4 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    // Without a learned scale or offset, tfjs normalizes over axes of any size, unknown too.
    const axes = normalizedAxes(input!, params.axis, label, params.center || params.scale);
    if ('problems' in axes) return axes;
    return initializerProblem(label, layerNormalizationWeights(axes.sizes, params), params, INITIALIZERS) ?? shapes(input!);
  },
  weights: ({ inputs: [input], params }) => {
    const axes = normalizedAxes(input!, params.axis, '');
    return layerNormalizationWeights('problems' in axes ? [] : axes.sizes, params);
  },
  // Mean, variance, normalize, scale and shift: about eight operations per value.
  flops: ({ inputs: [input] }) => 8 * productOfKnown(input!.slice(1)),
  tfjs: {
    factory: 'layerNormalization',
    config: paramsAsConfig,
  },
});
