import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape, isKnown } from '../../shapes';
import { edgePairs, EdgeAmounts } from './edges';
import { spatialAxes } from './spatial';
import { say } from '../../diagnostics';

const AXIS_NAMES = ['rows', 'columns'];
const AXIS_NAMES_ZH = ['行', '列'];

export const Cropping2D = defineLayer({
  kind: 'Cropping2D',
  category: 'Reshape',
  help: 'Cuts rows and columns off the edges of an image: [batch, height, width, channels] → [batch, height − top − bottom, width − left − right, channels].',
  params: z.strictObject({
    cropping: EdgeAmounts.describe('what to cut: n from every edge, [rows, cols] from both ends of each axis, or [[top, bottom], [left, right]]'),
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    const pairs = edgePairs(params.cropping);
    const output = [...input!];
    const axes = spatialAxes(4, params.dataFormat);
    for (const [i, axis] of axes.entries()) {
      const [before, after] = pairs[i]!;
      const dim = input![axis]!;
      if (isKnown(dim) && before + after >= dim) {
        // Stricter than tfjs, which returns a size of zero or less here.
        return problem(
          say(`${label} crops ${before + after} of the ${dim} ${AXIS_NAMES[i]} of its ${formatShape(input!)} input, leaving nothing; crop less than ${dim} in total`, `${label} 在其 ${formatShape(input!)} 输入的 ${dim} ${AXIS_NAMES_ZH[i]}中共裁掉 ${before + after}，什么都不剩；总裁剪量应小于 ${dim}`),
          { param: 'cropping' },
        );
      }
      // tfjs computes `null − crop` (a negative size) for an unknown dim; it is unknown.
      output[axis] = isKnown(dim) ? dim - before - after : before + after === 0 ? dim : null;
    }
    return shapes(output);
  },
  tfjs: { factory: 'cropping2D', config: (p) => ({ cropping: p.cropping, dataFormat: p.dataFormat }) },
});
