import { z } from 'zod';
import { defineLayer } from '../definition';
import { addChannelsAxis } from '../convolution/spatial';
import { PoolPadding, poolFlops, poolSize, poolStrides, poolWindow } from './pool-window';

export const MaxPooling1D = defineLayer({
  kind: 'MaxPooling1D',
  category: 'Pooling',
  help: 'Keeps the largest value in each window along a sequence: [batch, steps, channels] → [batch, steps / poolSize, channels].',
  params: z.strictObject({
    poolSize: poolSize(1),
    strides: poolStrides(1),
    padding: PoolPadding,
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3, fixForRank: addChannelsAxis(3) }] },
  inferShape: ({ inputs: [input], params, label }) => poolWindow(input!, { rank: 1, dataFormat: 'channelsLast', ...params }, label),
  flops: ({ outputs: [output], params }) => poolFlops(output!, { rank: 1, ...params }),
  tfjs: { factory: 'maxPooling1d', config: (p) => ({ poolSize: p.poolSize, strides: p.strides, padding: p.padding }) },
});
