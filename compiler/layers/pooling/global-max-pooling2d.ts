import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer } from '../definition';
import { globalPool, globalPoolFlops } from './global-pooling';

export const GlobalMaxPooling2D = defineLayer({
  kind: 'GlobalMaxPooling2D',
  category: 'Pooling',
  help: 'Keeps the largest value of each channel over the whole image: [batch, height, width, channels] → [batch, channels].',
  params: z.strictObject({
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4 }] },
  inferShape: ({ inputs: [input], params }) => globalPool(input!, params.dataFormat),
  flops: ({ inputs: [input] }) => globalPoolFlops(input!),
  tfjs: { factory: 'globalMaxPooling2d', config: (p) => ({ dataFormat: p.dataFormat }) },
});
