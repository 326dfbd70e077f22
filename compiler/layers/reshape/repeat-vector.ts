import { z } from 'zod';
import { PositiveInt } from '../common';
import { defineLayer, shapes } from '../definition';
import { noInput } from '../core/elementwise';

export const RepeatVector = defineLayer({
  kind: 'RepeatVector',
  category: 'Reshape',
  help: 'Repeats a vector n times: [?, features] → [?, n, features], e.g. to feed one encoding to every step of a decoder.',
  params: z.strictObject({
    n: PositiveInt.describe('how many times to repeat the input'),
  }),
  inputs: {
    kind: 'fixed',
    ports: [
      {
        name: 'in',
        rank: 2,
        fixForRank: (shape) => (shape.length > 2 ? { kind: 'insert-node', title: 'Insert Flatten before RepeatVector',
        titleZh: '在 RepeatVector 之前插入 Flatten', type: 'Flatten', params: {} } : undefined),
      },
    ],
  },
  inferShape: ({ inputs: [input], params, label }) => (input ? shapes([input[0] ?? null, params.n, input[1] ?? null]) : noInput(label)),
  // Copies only.
  flops: () => 0,
  tfjs: { factory: 'repeatVector', config: (p) => ({ n: p.n }) },
});
