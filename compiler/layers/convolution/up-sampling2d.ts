import { z } from 'zod';
import { DataFormat, PositiveInt } from '../common';
import { defineLayer, shapes } from '../definition';
import { isKnown } from '../../shapes';
import { spatialAxes, valuesPerSample } from './spatial';

export const UpSampling2D = defineLayer({
  kind: 'UpSampling2D',
  category: 'Reshape',
  help: 'Enlarges an image by repeating (nearest) or blending (bilinear) pixels: [batch, height, width, channels] → [batch, height × size[0], width × size[1], channels].',
  params: z.strictObject({
    size: z.tuple([PositiveInt, PositiveInt]).default([2, 2]).describe('upsampling factors for rows and columns, e.g. [2, 2]'),
    dataFormat: DataFormat.default('channelsLast'),
    interpolation: z.enum(['nearest', 'bilinear']).default('nearest').describe('"nearest" repeats each pixel; "bilinear" blends the four nearest pixels'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4 }] },
  inferShape: ({ inputs: [input], params }) => {
    const output = [...input!];
    spatialAxes(4, params.dataFormat).forEach((axis, i) => {
      const dim = input![axis]!;
      const factor = params.size[i]!;
      output[axis] = isKnown(dim) ? dim * factor : factor === 1 ? dim : null;
    });
    return shapes(output);
  },
  /** Nearest copies values (no arithmetic); bilinear blends four neighbours per output value, about 4 multiply-adds. */
  flops: ({ outputs: [output], params }) => (params.interpolation === 'bilinear' ? 8 * valuesPerSample(output!) : 0),
  tfjs: { factory: 'upSampling2d', config: (p) => ({ size: p.size, dataFormat: p.dataFormat, interpolation: p.interpolation }) },
});
