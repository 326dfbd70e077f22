import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';
import { describeUnknown } from '../core/elementwise';

const asTfjs = (d: Dim | undefined) => (typeof d === 'number' ? d : null);

export const Concatenate = defineLayer({
  kind: 'Concatenate',
  category: 'Merge',
  help: 'Joins its inputs along one axis (the last by default); every other axis must match.',
  params: z.strictObject({
    axis: z.number().int().default(-1).describe('axis to join along: -1 is the last, 1 the first after the batch (other negative axes are refused: tfjs would join along the last)'),
  }),
  inputs: { kind: 'variadic', min: 2, minRank: 2 },
  inferShape: ({ inputs, params, label }) => {
    if (inputs.length < 2) return problem(`${label} joins at least 2 inputs but has ${inputs.length}`);
    const all = inputs.map(formatShape).join(', ');
    const rank = inputs[0]!.length;
    if (inputs.some((s) => s.length !== rank)) {
      return problem(`${label} joins inputs of the same rank, but gets ${all}`);
    }
    const axis = params.axis < 0 ? rank + params.axis : params.axis;
    if (axis < 1 || axis >= rank) {
      return problem(`${label}'s axis ${params.axis} is outside its rank-${rank} inputs: it joins along axes 1 to ${rank - 1} (or -1 to -${rank - 1}); the batch axis 0 cannot be joined`, { param: 'axis' });
    }
    // tfjs's shape inference reads a negative axis as counted from the back, but its concat runs every negative axis as the last one.
    if (params.axis < -1) {
      return problem(`${label}'s axis ${params.axis}: tfjs joins along the last axis whenever the axis is negative, whatever its value; write it as axis ${axis}`, {
        param: 'axis',
        fix: { kind: 'set-param', title: `Set axis to ${axis}`, node: '', param: 'axis', value: axis },
      });
    }
    const output: Dim[] = [];
    for (let i = 0; i < rank; i++) {
      const dims = inputs.map((s) => s[i]!);
      if (i === axis) {
        output.push(dims.every((d) => typeof d === 'number') ? (dims as number[]).reduce((a, b) => a + b, 0) : null);
        continue;
      }
      // tfjs compares what it sees: an unknown size matches only another unknown one.
      const odd = dims.findIndex((d) => asTfjs(d) !== asTfjs(dims[0]));
      if (odd > 0) {
        const known = typeof dims[0] === 'number' && typeof dims[odd] === 'number';
        const detail = known
          ? `axis ${i} is ${dims[0]} in in0 but ${dims[odd]} in in${odd}`
          : `axis ${i} is ${typeof dims[0] === 'number' ? dims[0] : describeUnknown(dims[0])} in in0 but ${typeof dims[odd] === 'number' ? dims[odd] : describeUnknown(dims[odd])} in in${odd}, and tfjs cannot join a known size with an unknown one`;
        return problem(`${label} needs all inputs to match except on axis ${params.axis}, but ${detail}: ${all}`, { port: `in${odd}` });
      }
      output.push(dims.every((d) => d === dims[0]) ? dims[0]! : null);
    }
    return shapes(output);
  },
  // Copies only.
  flops: () => 0,
  tfjs: { factory: 'concatenate', config: (p) => ({ axis: p.axis }) },
});
