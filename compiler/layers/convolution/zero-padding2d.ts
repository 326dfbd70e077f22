import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer, shapes } from '../definition';
import { isKnown } from '../../shapes';
import { edgePairs, EdgeAmounts } from './edges';
import { spatialAxes } from './spatial';

export const ZeroPadding2D = defineLayer({
  kind: 'ZeroPadding2D',
  category: 'Reshape',
  help: 'Adds rows and columns of zeros around an image: [batch, height, width, channels] → [batch, height + top + bottom, width + left + right, channels].',
  params: z.strictObject({
    padding: EdgeAmounts.default(1).describe('zeros to add: n on every edge, [rows, cols] on both ends of each axis, or [[top, bottom], [left, right]]'),
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4 }] },
  inferShape: ({ inputs: [input], params }) => {
    const pairs = edgePairs(params.padding);
    const output = [...input!];
    spatialAxes(4, params.dataFormat).forEach((axis, i) => {
      const [before, after] = pairs[i]!;
      const dim = input![axis]!;
      output[axis] = isKnown(dim) ? dim + before + after : before + after === 0 ? dim : null;
    });
    return shapes(output);
  },
  tfjs: { factory: 'zeroPadding2d', config: (p) => ({ padding: p.padding, dataFormat: p.dataFormat }) },
});
