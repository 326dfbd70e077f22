import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape, knownProduct } from '../../shapes';
import { noInput } from '../core/elementwise';
import { say } from '../../diagnostics';

export const Flatten = defineLayer({
  kind: 'Flatten',
  category: 'Reshape',
  help: 'Flattens each sample into one vector, e.g. [?, 31, 31, 32] → [?, 30752], so that Dense can follow a convolution.',
  params: z.strictObject({
    dataFormat: DataFormat.default('channelsLast').describe('channelsFirst moves the channels axis last before flattening, so the order of the values matches a channelsLast model'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 3 }] },
  inferShape: ({ inputs: [input], label }) => {
    if (!input) return noInput(label);
    const size = knownProduct(input.slice(1));
    if (size === null) {
      const open = input.slice(1).flatMap((d, i) => (typeof d === 'number' ? [] : [`axis ${i + 1} (${d === null ? '?' : `"${d}"`})`]));
      const openZh = input.slice(1).flatMap((d, i) => (typeof d === 'number' ? [] : [`轴 ${i + 1}（${d === null ? '?' : `"${d}"`}）`]));
      return problem(
        say(`${label} needs every axis but the batch to have a known size, but ${formatShape(input)} has ${open.join(' and ')}; to reduce a variable-length axis, use global pooling instead`, `${label} 要求除批次轴外的每个轴大小都已知，但 ${formatShape(input)} 中的 ${openZh.join('、')} 大小未知；要压缩变长的轴，请改用全局池化`),
        { port: 'in' },
      );
    }
    return shapes([input[0]!, size]);
  },
  // Moves no arithmetic.
  flops: () => 0,
  tfjs: { factory: 'flatten', config: (p) => ({ dataFormat: p.dataFormat }) },
});
