import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape, knownProduct } from '../../shapes';
import { noInput } from '../core/elementwise';
import { say } from '../../diagnostics';

/** A target size: a positive integer, or -1 for "whatever is left". */
const TargetDim = z.number().int().refine((d) => d === -1 || d > 0, 'a target size is a positive integer, or -1 for "whatever is left"');

export const Reshape = defineLayer({
  kind: 'Reshape',
  category: 'Reshape',
  help: 'Rearranges the values of each sample into a new shape with the same number of values, e.g. [?, 784] → [?, 28, 28, 1].',
  params: z.strictObject({
    targetShape: z
      .array(TargetDim)
      .min(1)
      .describe('shape of one sample after reshaping, without the batch axis; one entry may be -1 to take whatever size is left'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (!input) return noInput(label);
    const target = params.targetShape;
    const inferred = target.flatMap((d, i) => (d === -1 ? [i] : []));
    if (inferred.length > 1) {
      return problem(say(`${label} can work out only one size (-1), but targetShape ${formatShape(target)} has ${inferred.length}`, `${label} 只能推算一个尺寸（-1），但 targetShape ${formatShape(target)} 中有 ${inferred.length} 个`), { param: 'targetShape' });
    }
    const given = target.reduce((n, d) => (d === -1 ? n : n * d), 1);
    const values = knownProduct(input.slice(1));
    // tfjs checks the count only when the batch size is known too; Layerwire checks whatever is known.
    if (values !== null && inferred.length === 0 && values !== given) {
      return problem(
        say(`${label} cannot reshape ${formatShape(input)} into ${formatShape(target)}: the input has ${values} values per sample but the target shape holds ${given}`, `${label} 无法把 ${formatShape(input)} 变形为 ${formatShape(target)}：输入每个样本有 ${values} 个值，而目标形状容纳 ${given} 个`),
        { param: 'targetShape', ...withFix(inferOneAxis(target, values)) },
      );
    }
    if (values !== null && inferred.length === 1 && values % given !== 0) {
      return problem(
        say(`${label} cannot reshape ${formatShape(input)} into ${formatShape(target)}: the input has ${values} values per sample, which the other sizes (${given} values) do not divide`, `${label} 无法把 ${formatShape(input)} 变形为 ${formatShape(target)}：输入每个样本有 ${values} 个值，不能被其他尺寸之积（${given}）整除`),
        { param: 'targetShape' },
      );
    }
    // As tfjs: the -1 size is worked out only when every input size, the batch included, is known.
    const batch = input[0] ?? null;
    const everythingKnown = typeof batch === 'number' && values !== null;
    const output: Dim[] = target.map((d) => (d !== -1 ? d : everythingKnown ? values / given : null));
    return shapes([batch, ...output]);
  },
  // Moves no arithmetic.
  flops: () => 0,
  // A copy: tfjs's Reshape overwrites -1 with null in the array it is given.
  tfjs: { factory: 'reshape', config: (p) => ({ targetShape: [...p.targetShape] }) },
  // tfjs saves -1 as null (Keras as -1); everything else is the generic conversion.
  fromKeras: (config) => {
    const target = config.target_shape;
    return Array.isArray(target) ? { targetShape: target.map((d: unknown) => (d === null || (typeof d === 'number' && d < 0) ? -1 : d)) } : {};
  },
});

const withFix = <T>(fix: T | undefined) => (fix ? { fix } : {});

/** A fix that replaces one size by -1 when that makes the count work out. */
function inferOneAxis(target: number[], values: number) {
  for (let i = 0; i < target.length; i++) {
    const rest = target.reduce((n, d, j) => (j === i ? n : n * d), 1);
    if (values % rest === 0) {
      const value = target.map((d, j) => (j === i ? -1 : d));
      return { kind: 'set-param' as const, title: `Set targetShape to ${formatShape(value)} (axis ${i + 1} becomes ${values / rest})`,
        titleZh: `将 targetShape 设为 ${formatShape(value)}（轴 ${i + 1} 变为 ${values / rest}）`, node: '', param: 'targetShape', value };
    }
  }
  return undefined;
}
