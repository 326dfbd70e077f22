import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';
import { describeUnknown, describeUnknownZh } from '../core/elementwise';
import { say } from '../../diagnostics';

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
    if (inputs.length < 2) return problem(say(`${label} joins at least 2 inputs but has ${inputs.length}`, `${label} 至少需要拼接 2 个输入，但只有 ${inputs.length} 个`));
    // Written out only for a message: a wide merge joins thousands of inputs, and most checks pass.
    const all = () => inputs.map(formatShape).join(', ');
    const rank = inputs[0]!.length;
    if (inputs.some((s) => s.length !== rank)) {
      return problem(say(`${label} joins inputs of the same rank, but gets ${all()}`, `${label} 要求拼接的输入阶数相同，但实际为 ${all()}`));
    }
    const axis = params.axis < 0 ? rank + params.axis : params.axis;
    if (axis < 1 || axis >= rank) {
      return problem(say(`${label}'s axis ${params.axis} is outside its rank-${rank} inputs: it joins along axes 1 to ${rank - 1} (or -1 to -${rank - 1}); the batch axis 0 cannot be joined`, `${label} 的 axis ${params.axis} 超出了其 ${rank} 阶输入的范围：可拼接的轴为 1 到 ${rank - 1}（或 -1 到 -${rank - 1}）；批次轴 0 不能拼接`), { param: 'axis' });
    }
    // tfjs's shape inference reads a negative axis as counted from the back, but its concat runs every negative axis as the last one.
    if (params.axis < -1) {
      return problem(say(`${label}'s axis ${params.axis}: tfjs joins along the last axis whenever the axis is negative, whatever its value; write it as axis ${axis}`, `${label} 的 axis ${params.axis}：只要轴是负数，tfjs 都会沿最后一个轴拼接；请写成 axis ${axis}`), {
        param: 'axis',
        fix: { kind: 'set-param', title: `Set axis to ${axis}`,
        titleZh: `将 axis 设为 ${axis}`, node: '', param: 'axis', value: axis },
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
        const sizeZh = (d: Dim | undefined) => (typeof d === 'number' ? ` ${d}` : describeUnknownZh(d));
        const detailZh = `轴 ${i} 在 in0 中是${sizeZh(dims[0])}，在 in${odd} 中却是${sizeZh(dims[odd])}${known ? '' : '，而 tfjs 无法把已知尺寸与未知尺寸拼接'}`;
        return problem(say(`${label} needs all inputs to match except on axis ${params.axis}, but ${detail}: ${all()}`, `${label} 要求所有输入除 axis ${params.axis} 外形状一致，但${detailZh}：${all()}`), { port: `in${odd}` });
      }
      output.push(dims.every((d) => d === dims[0]) ? dims[0]! : null);
    }
    return shapes(output);
  },
  // Copies only.
  flops: () => 0,
  tfjs: { factory: 'concatenate', config: (p) => ({ axis: p.axis }) },
});
