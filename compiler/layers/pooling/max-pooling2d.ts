import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer } from '../definition';
import { addChannelsAxis } from '../convolution/spatial';
import { PoolPadding, poolFlops, poolSize, poolStrides, poolWindow } from './pool-window';

export const MaxPooling2D = defineLayer({
  kind: 'MaxPooling2D',
  category: 'Pooling',
  help: 'Keeps the largest value in each window, shrinking height and width (by half with the default 2×2 pool).',
  params: z.strictObject({
    poolSize: poolSize(2),
    strides: poolStrides(2),
    padding: PoolPadding,
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4, fixForRank: addChannelsAxis(4) }] },
  inferShape: ({ inputs: [input], params, label }) => poolWindow(input!, { rank: 2, ...params }, label),
  flops: ({ outputs: [output], params }) => poolFlops(output!, { rank: 2, ...params }),
  tfjs: { factory: 'maxPooling2d', config: (p) => ({ poolSize: p.poolSize, strides: p.strides, padding: p.padding, dataFormat: p.dataFormat }) },
});
