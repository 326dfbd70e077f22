import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';

export const Concatenate = defineLayer({
  kind: 'Concatenate',
  category: 'Merge',
  help: 'Joins its inputs along one axis (the last by default); every other axis must match.',
  params: z.strictObject({
    axis: z.number().int().default(-1).describe('axis to join along; -1 is the last'),
  }),
  inputs: { kind: 'variadic', min: 2, minRank: 2 },
  inferShape: ({ inputs, params, label }) => {
    const rank = inputs[0]!.length;
    if (inputs.some((s) => s.length !== rank)) {
      return problem(`${label} joins inputs of the same rank, but gets ${inputs.map(formatShape).join(', ')}`);
    }
    const axis = params.axis < 0 ? rank + params.axis : params.axis;
    if (axis < 1 || axis >= rank) {
      return problem(`${label}'s axis ${params.axis} is outside its rank-${rank} inputs (the batch axis 0 cannot be joined)`, { param: 'axis' });
    }
    const output: Dim[] = [...inputs[0]!];
    for (let i = 0; i < rank; i++) {
      if (i === axis) continue;
      const dims = inputs.map((s) => s[i]!);
      const known = dims.filter((d) => typeof d === 'number');
      if (new Set(known).size > 1) {
        return problem(`${label} needs all inputs to match except on axis ${params.axis}, but axis ${i} differs: ${inputs.map(formatShape).join(', ')}`);
      }
      output[i] = known[0] ?? dims.find((d) => typeof d === 'string') ?? null;
    }
    const joined = inputs.map((s) => s[axis]!);
    output[axis] = joined.every((d) => typeof d === 'number') ? (joined as number[]).reduce((a, b) => a + b, 0) : null;
    return shapes(output);
  },
  tfjs: { factory: 'concatenate', config: (p) => ({ axis: p.axis }) },
});
