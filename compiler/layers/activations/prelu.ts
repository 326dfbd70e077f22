import { z } from 'zod';
import type { Dim, Shape } from '../../../schemas/shape';
import { Initializer, PositiveInt } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';
import { describeUnknown, describeUnknownZh, noInput, valuesPerSample } from '../core/elementwise';
import { initializerMismatch } from '../core/initializer-fit';
import { say } from '../../diagnostics';

/** Shape of the learned alpha: one per value of a sample, 1 along the shared axes. */
function alphaShape(input: Shape, sharedAxes: number[] | undefined): Dim[] {
  return input.slice(1).map((d, i) => (sharedAxes?.includes(i + 1) ? 1 : d));
}

export const PReLU = defineLayer({
  kind: 'PReLU',
  category: 'Activation',
  help: 'Parametric ReLU: x for x ≥ 0, alpha · x below, with alpha learned per value (or shared along some axes).',
  params: z.strictObject({
    alphaInitializer: Initializer.default('zeros').describe('how alpha starts; zeros starts as a plain ReLU'),
    sharedAxes: z
      .array(PositiveInt)
      .min(1)
      .optional()
      .describe('axes (1 is the first after the batch) along which one alpha is shared, e.g. [1, 2] for one alpha per channel of an image; empty: one alpha per value'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (!input) return noInput(label);
    const rank = input.length;
    const outside = params.sharedAxes?.find((a) => a >= rank);
    if (outside !== undefined) {
      return problem(say(`${label}'s shared axis ${outside} is outside its rank-${rank} input ${formatShape(input)}; shared axes run from 1 to ${rank - 1}`, `${label} 的共享轴 ${outside} 超出了其 ${rank} 阶输入 ${formatShape(input)} 的范围；共享轴的取值范围是 1 到 ${rank - 1}`), { param: 'sharedAxes' });
    }
    const alpha = alphaShape(input, params.sharedAxes);
    const open = alpha.findIndex((d) => typeof d !== 'number');
    if (open >= 0) {
      const axis = open + 1;
      const value = [...(params.sharedAxes ?? []), axis].sort((a, b) => a - b);
      return problem(
        say(`${label} learns one alpha per value, so it needs the size of axis ${axis} of ${formatShape(input)}, but it is ${describeUnknown(input[axis])}; share alpha along that axis with sharedAxes ${formatShape(value)}`, `${label} 为每个值学习一个 alpha，因此需要知道 ${formatShape(input)} 的轴 ${axis} 的大小，但它是${describeUnknownZh(input[axis])}；可以用 sharedAxes ${formatShape(value)} 让 alpha 沿该轴共享`),
        { port: 'in', fix: { kind: 'set-param', title: `Share alpha along axis ${axis}`,
        titleZh: `让 alpha 沿轴 ${axis} 共享`, node: '', param: 'sharedAxes', value } },
      );
    }
    const mismatch = initializerMismatch(params.alphaInitializer, alpha);
    if (mismatch) return problem(say(`${label} cannot start alpha: ${mismatch.en}`, `${label} 无法初始化 alpha：${mismatch.zh}`), { param: 'alphaInitializer' });
    return shapes([...input]);
  },
  weights: ({ inputs: [input], params }) => [{ name: 'alpha', shape: alphaShape(input!, params.sharedAxes), trainable: true }],
  // A comparison and a multiply per value.
  flops: ({ inputs: [input] }) => 2 * valuesPerSample(input),
  tfjs: { factory: 'prelu', config: (p) => ({ alphaInitializer: p.alphaInitializer, sharedAxes: p.sharedAxes && [...p.sharedAxes] }) },
});
