import { z } from 'zod';
import type { Dim, Shape } from '../../../schemas/shape';
import { defineLayer, problem, type ShapeProblem } from '../definition';
import { formatShape } from '../../shapes';
import { describeUnknown, noInput, valuesPerSample } from '../core/elementwise';
import { say } from '../../diagnostics';

const Axis = z.number().int();

/** The index of a contracted axis (negative counts from the end), or undefined when it is the batch axis or outside the shape. */
function contractedAxis(axis: number, shape: Shape): number | undefined {
  const rank = shape.length;
  const index = axis < 0 ? axis + rank : axis;
  return index >= 1 && index < rank ? index : undefined;
}

export const Dot = defineLayer({
  kind: 'Dot',
  category: 'Merge',
  help: 'Dot product of two inputs along one axis of each, per sample: [?, n]·[?, n] → [?, 1]; [?, a, n]·[?, n, b] → [?, a, b]. With normalize, the cosine similarity.',
  params: z.strictObject({
    axes: z
      .union([Axis, z.tuple([Axis, Axis])])
      .describe('axis to multiply and sum over: one number for both inputs, or [axis of in0, axis of in1]; 1 is the first axis after the batch, -1 the last'),
    normalize: z.boolean().default(false).describe('L2-normalize both inputs along the axes first, giving the cosine similarity'),
  }),
  inputs: {
    kind: 'fixed',
    ports: [
      { name: 'in0', minRank: 2, maxRank: 3 },
      { name: 'in1', minRank: 2, maxRank: 3 },
    ],
  },
  inferShape: ({ inputs: [a, b], params, label }) => {
    if (!a) return noInput(label, 'in0');
    if (!b) return noInput(label, 'in1');
    const requested = typeof params.axes === 'number' ? [params.axes, params.axes] : params.axes;
    // tfjs reads a pair of axes as plain indices, so a negative one finds no size to compare and tfjs throws.
    if (typeof params.axes !== 'number' && params.axes[0] < 0 !== params.axes[1] < 0) {
      return problem(say(`${label}'s axes ${formatShape(params.axes)} mix a negative and a non-negative axis, which tfjs cannot compare; count both from the front (1 is the first axis after the batch) or both from the back`, `${label} 的 axes ${formatShape(params.axes)} 同时包含负轴和非负轴，tfjs 无法比较它们；请两个都从前往后数（1 是批次轴之后的第一个轴），或都从后往前数`), {
        param: 'axes',
      });
    }
    const indices = [contractedAxis(requested[0]!, a), contractedAxis(requested[1]!, b)];
    for (const k of [0, 1]) {
      if (indices[k] === undefined) {
        const shape = k === 0 ? a : b;
        return problem(
          say(`${label}'s axis ${requested[k]} is outside in${k} ${formatShape(shape)}: it contracts axes 1 to ${shape.length - 1} (or -1 to -${shape.length - 1}); the batch axis 0 cannot be contracted`, `${label} 的轴 ${requested[k]} 超出了 in${k} ${formatShape(shape)} 的范围：可收缩的轴为 1 到 ${shape.length - 1}（或 -1 到 -${shape.length - 1}）；批次轴 0 不能收缩`),
          { param: 'axes' },
        );
      }
    }
    const [i, j] = indices as [number, number];
    const da = a[i]!;
    const db = b[j]!;
    const warnings: ShapeProblem[] = [];
    if (typeof da === 'number' || typeof db === 'number') {
      // tfjs compares what it sees: an unknown size matches only another unknown one.
      if (da !== db) {
        const size = (d: Dim) => (typeof d === 'number' ? String(d) : describeUnknown(d));
        const sizeZh = (d: Dim) => (typeof d === 'number' ? String(d) : unknownZh(d));
        return problem(say(`${label} multiplies axis ${i} of in0 ${formatShape(a)} (size ${size(da)}) with axis ${j} of in1 ${formatShape(b)} (size ${size(db)}); the two sizes must be equal and known`, `${label} 将 in0 ${formatShape(a)} 的轴 ${i}（大小 ${sizeZh(da)}）与 in1 ${formatShape(b)} 的轴 ${j}（大小 ${sizeZh(db)}）相乘；两者的大小必须相等且已知`), {
          param: 'axes',
        });
      }
    } else if (da !== db) {
      warnings.push({ message: `${label} multiplies axis ${i} of in0 (${describeUnknown(da)}) with axis ${j} of in1 (${describeUnknown(db)}); they must be equal when the model runs`,
        messageZh: `${label} 将 in0 的轴 ${i}（${unknownZh(da)}）与 in1 的轴 ${j}（${unknownZh(db)}）相乘；模型运行时两者必须相等`, severity: 'warning' });
    }
    const output: Dim[] = [...a.filter((_, k) => k !== i), ...b.filter((_, k) => k !== j && k !== 0)];
    if (output.length === 1) output.push(1);
    return { shapes: [output], ...(warnings.length ? { warnings } : {}) };
  },
  // A multiply-add per contracted pair for each output value; normalizing costs about 3 operations per input value.
  flops: ({ inputs: [a, b], outputs: [output], params }) => {
    const requested = typeof params.axes === 'number' ? [params.axes, params.axes] : params.axes;
    const contracted = a![contractedAxis(requested[0]!, a!) ?? -1];
    const pairs = typeof contracted === 'number' ? contracted : NaN;
    return 2 * pairs * valuesPerSample(output) + (params.normalize ? 3 * (valuesPerSample(a) + valuesPerSample(b)) : 0);
  },
  tfjs: { factory: 'dot', config: (p) => ({ axes: typeof p.axes === 'number' ? p.axes : ([...p.axes] as [number, number]), normalize: p.normalize }) },
});

/** `"timesteps"` or 未知: a size that is not a number, inside （）. */
const unknownZh = (dim: Dim) => (typeof dim === 'string' ? `"${dim}"` : '未知');
