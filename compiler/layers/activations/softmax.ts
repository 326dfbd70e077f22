import { z } from 'zod';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';
import { noInput, valuesPerSample } from '../core/elementwise';
import { say } from '../../diagnostics';

export const Softmax = defineLayer({
  kind: 'Softmax',
  category: 'Activation',
  help: 'Turns scores into probabilities that sum to 1 along an axis: exp(x) / sum(exp(x)).',
  params: z.strictObject({
    axis: z
      .union([z.number().int(), z.array(z.number().int()).min(1)])
      .default(1)
      .describe('axis to normalize over; tfjs defaults to 1 (the last axis of [batch, classes]); use -1 for the last axis of any input. Several axes normalize over all of them together'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (!input) return noInput(label);
    const rank = input.length;
    const axes = Array.isArray(params.axis) ? params.axis : [params.axis];
    const outside = axes.find((a) => a < -rank || a >= rank);
    if (outside !== undefined) {
      return problem(say(`${label}'s axis ${outside} is outside its rank-${rank} input ${formatShape(input)}`, `${label} 的 axis ${outside} 超出了其 ${rank} 阶输入 ${formatShape(input)} 的范围`), { param: 'axis' });
    }
    const normalized = axes.map((a) => (a < 0 ? a + rank : a));
    if (normalized.includes(0)) {
      return problem(say(`${label} would normalize over the batch axis 0 of ${formatShape(input)}, mixing samples; pick axes from 1 to ${rank - 1}`, `${label} 会在 ${formatShape(input)} 的批次轴 0 上归一化，把样本混在一起；请从 1 到 ${rank - 1} 中选择轴`), { param: 'axis' });
    }
    if (new Set(normalized).size !== normalized.length) {
      return problem(say(`${label} names the same axis twice in ${formatShape(axes)}`, `${label} 在 ${formatShape(axes)} 中两次指定了同一个轴`), { param: 'axis' });
    }
    // tfjs's softmax kernel takes a single axis only when it is the last one: it throws when the model runs.
    if (axes.length === 1 && axes[0] !== -1 && axes[0] !== rank - 1) {
      return problem(
        say(`${label} over axis ${axes[0]} of ${formatShape(input)}: tfjs can apply a single-axis softmax only over the last axis (-1 or ${rank - 1}); Permute the axis to the end first`, `${label} 作用于 ${formatShape(input)} 的 axis ${axes[0]}：tfjs 只能在最后一个轴（-1 或 ${rank - 1}）上做单轴 softmax；请先用 Permute 把该轴移到最后`),
        { param: 'axis' },
      );
    }
    return shapes([...input]);
  },
  // About four operations per value: subtract the maximum, exp, sum, divide.
  flops: ({ inputs: [input] }) => 4 * valuesPerSample(input),
  tfjs: { factory: 'softmax', config: (p) => ({ axis: Array.isArray(p.axis) ? [...p.axis] : p.axis }) },
});
