import { z } from 'zod';
import { DataFormat, Padding, SizeTuple } from '../common';
import { defineLayer, shapes } from '../definition';
import { productOfKnown, tuple } from '../../shapes';
import { slideWindow } from '../convolution/spatial';

export const MaxPooling2D = defineLayer({
  kind: 'MaxPooling2D',
  category: 'Pooling',
  help: 'Keeps the largest value in each window, shrinking height and width (by half with the default 2×2 pool).',
  params: z.strictObject({
    poolSize: SizeTuple(2).default(2).describe('window height and width'),
    strides: SizeTuple(2).optional().describe('step between windows; defaults to the pool size'),
    padding: Padding.default('valid'),
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    const pool = tuple(params.poolSize, 2);
    const result = slideWindow(input!, {
      window: pool,
      strides: params.strides === undefined ? pool : tuple(params.strides, 2),
      padding: params.padding,
      dataFormat: params.dataFormat,
      windowName: 'pool',
      windowParam: 'poolSize',
    }, label);
    return 'problems' in result ? result : shapes(result.shape);
  },
  flops: ({ outputs: [output], params }) => productOfKnown(output!.slice(1)) * tuple(params.poolSize, 2).reduce((a, b) => a * b, 1),
  tfjs: { factory: 'maxPooling2d', config: (p) => ({ poolSize: p.poolSize, strides: p.strides, padding: p.padding, dataFormat: p.dataFormat }) },
});
