import { z } from 'zod';
import type { Dim, Shape } from '../../../schemas/shape';
import { Initializer, PositiveInt } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape } from '../../shapes';
import { describeUnknown, noInput, valuesPerSample } from '../core/elementwise';
import { initializerMismatch } from '../core/initializer-fit';

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
      return problem(`${label}'s shared axis ${outside} is outside its rank-${rank} input ${formatShape(input)}; shared axes run from 1 to ${rank - 1}`, { param: 'sharedAxes' });
    }
    const alpha = alphaShape(input, params.sharedAxes);
    const open = alpha.findIndex((d) => typeof d !== 'number');
    if (open >= 0) {
      const axis = open + 1;
      const value = [...(params.sharedAxes ?? []), axis].sort((a, b) => a - b);
      return problem(
        `${label} learns one alpha per value, so it needs the size of axis ${axis} of ${formatShape(input)}, but it is ${describeUnknown(input[axis])}; share alpha along that axis with sharedAxes ${formatShape(value)}`,
        { port: 'in', fix: { kind: 'set-param', title: `Share alpha along axis ${axis}`, node: '', param: 'sharedAxes', value } },
      );
    }
    const mismatch = initializerMismatch(params.alphaInitializer, alpha);
    if (mismatch) return problem(`${label} cannot start alpha: ${mismatch}`, { param: 'alphaInitializer' });
    return shapes([...input]);
  },
  weights: ({ inputs: [input], params }) => [{ name: 'alpha', shape: alphaShape(input!, params.sharedAxes), trainable: true }],
  // A comparison and a multiply per value.
  flops: ({ inputs: [input] }) => 2 * valuesPerSample(input),
  tfjs: { factory: 'prelu', config: (p) => ({ alphaInitializer: p.alphaInitializer, sharedAxes: p.sharedAxes && [...p.sharedAxes] }) },
});
