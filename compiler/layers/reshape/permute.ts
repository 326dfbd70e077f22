import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { PositiveInt } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';
import { noInput } from '../core/elementwise';
import { say } from '../../diagnostics';

const isPermutation = (dims: number[]) => [...dims].sort((a, b) => a - b).every((d, i) => d === i + 1);

export const Permute = defineLayer({
  kind: 'Permute',
  category: 'Reshape',
  help: 'Reorders the axes of each sample, e.g. dims [2, 1] turns [?, 10, 64] into [?, 64, 10]. The batch axis stays first.',
  params: z.strictObject({
    dims: z
      .array(PositiveInt)
      .min(1)
      // tfjs checks the permutation by sorting the numbers as text, so it refuses every one of 10 or more axes.
      .max(9, 'tfjs cannot permute more than 9 axes')
      .refine(isPermutation, 'dims must hold each of 1, 2, …, n exactly once (1 is the first axis after the batch)')
      .describe('new order of the axes, counting from 1 (the batch axis 0 stays first): output axis i is input axis dims[i-1]'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (!input) return noInput(label);
    if (input.length !== params.dims.length + 1) {
      return problem(say(`${label} reorders ${params.dims.length} axes, so it needs a rank-${params.dims.length + 1} input, but gets ${formatShape(input)}`, `${label} 重排 ${params.dims.length} 个轴，因此需要 ${params.dims.length + 1} 阶输入，但实际输入为 ${formatShape(input)}`), { port: 'in' });
    }
    const output: Dim[] = [input[0] ?? null, ...params.dims.map((d) => input[d] ?? null)];
    return shapes(output);
  },
  // Moves no arithmetic.
  flops: () => 0,
  tfjs: { factory: 'permute', config: (p) => ({ dims: [...p.dims] }) },
});
