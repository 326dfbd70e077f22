import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer } from '../definition';
import { addChannelsAxis } from '../convolution/spatial';
import { PoolPadding, poolFlops, poolSize, poolStrides, poolWindow } from './pool-window';

export const MaxPooling3D = defineLayer({
  kind: 'MaxPooling3D',
  category: 'Pooling',
  help: 'Keeps the largest value in each window of a volume, shrinking depth, height and width (by half with the default 2×2×2 pool).',
  params: z.strictObject({
    poolSize: poolSize(3),
    strides: poolStrides(3),
    padding: PoolPadding,
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 5, fixForRank: addChannelsAxis(5) }] },
  inferShape: ({ inputs: [input], params, label }) => poolWindow(input!, { rank: 3, ...params }, label),
  flops: ({ outputs: [output], params }) => poolFlops(output!, { rank: 3, ...params }),
  tfjs: { factory: 'maxPooling3d', config: (p) => ({ poolSize: p.poolSize, strides: p.strides, padding: p.padding, dataFormat: p.dataFormat }) },
});
