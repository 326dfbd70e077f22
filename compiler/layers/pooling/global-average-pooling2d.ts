import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer } from '../definition';
import { globalPool, globalPoolFlops } from './global-pooling';

export const GlobalAveragePooling2D = defineLayer({
  kind: 'GlobalAveragePooling2D',
  category: 'Pooling',
  help: 'Averages each channel over the whole image: [batch, height, width, channels] → [batch, channels], often in place of Flatten.',
  params: z.strictObject({
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4 }] },
  inferShape: ({ inputs: [input], params }) => globalPool(input!, params.dataFormat),
  flops: ({ inputs: [input] }) => globalPoolFlops(input!),
  tfjs: { factory: 'globalAveragePooling2d', config: (p) => ({ dataFormat: p.dataFormat }) },
});
