import type { Dim, Shape } from '../../../schemas/shape';
import { formatShape, isKnown } from '../../shapes';
import { shapeProblem, type ShapeProblem } from '../definition';
import { say, type Text } from '../../diagnostics';

/**
 * Resolves the `axis` parameter of a normalization layer against an input of
 * the given rank: negative axes count from the end, as in tfjs. Axes outside
 * the input and repeated axes are refused, as tfjs does. So is the batch axis:
 * tfjs fails on it only when it sizes a weight by it, and otherwise computes
 * statistics across the samples of a batch, so that a sample's output depends
 * on the others (and a batch of one normalizes to zeros). With `sized`, the
 * axes must also have known sizes: the learned scale and offset take them.
 */
export function normalizedAxes(
  input: Shape,
  axis: number | readonly number[],
  label: string,
  sized = true,
): { axes: number[]; sizes: Dim[] } | { problems: ShapeProblem[] } {
  const rank = input.length;
  const requested = typeof axis === 'number' ? [axis] : [...axis];
  const axes = requested.map((a) => (a < 0 ? a + rank : a));
  const refuse = (text: Text): { problems: ShapeProblem[] } => ({ problems: [shapeProblem(text, { param: 'axis' })] });
  const outside = requested.find((_, i) => axes[i]! < 1 || axes[i]! >= rank);
  if (outside !== undefined) {
    const fix = `normalize over axes 1 to ${rank - 1} (or -1 for the last)`;
    const fixZh = `请在轴 1 到 ${rank - 1} 上归一化（或用 -1 表示最后一个轴）`;
    if (outside === 0 || outside === -rank) {
      return refuse(say(`${label}'s axis ${outside} is the batch axis of its input ${formatShape(input)}, which would mix the samples of a batch; ${fix}`, `${label} 的 axis ${outside} 是其输入 ${formatShape(input)} 的批次轴，会把一个批次中的样本混在一起；${fixZh}`));
    }
    return refuse(say(`${label}'s axis ${outside} is outside its rank-${rank} input ${formatShape(input)}; ${fix}`, `${label} 的 axis ${outside} 超出了其 ${rank} 阶输入 ${formatShape(input)} 的范围；${fixZh}`));
  }
  if (new Set(axes).size !== axes.length) return refuse(say(`${label} lists axis ${axes.find((a, i) => axes.indexOf(a) !== i)} twice`, `${label} 两次列出了 axis ${axes.find((a, i) => axes.indexOf(a) !== i)}`));
  const sizes: Dim[] = axes.map((a) => input[a]!);
  const unknown = axes.find((a) => !isKnown(input[a]!));
  if (sized && unknown !== undefined) {
    const dim = input[unknown]!;
    return {
      problems: [
        {
          message: `${label} normalizes axis ${unknown}, so it needs that axis's size to be known, but it is ${dim === null ? 'unknown' : `"${dim}"`} in ${formatShape(input)}`,
        messageZh: `${label} 要在 axis ${unknown} 上做归一化，因此需要知道该轴的大小，但它在 ${formatShape(input)} 中是${dim === null ? '未知的' : ` \"${dim}\"`}`,
          port: 'in',
        },
      ],
    };
  }
  return { axes, sizes };
}
