import { z } from 'zod';
import type { Shape } from '../../../schemas/shape';
import { problem, shapes, type ShapeResult } from '../definition';
import { formatShape } from '../../shapes';
import { noInput } from '../core/elementwise';
import { say } from '../../diagnostics';

/**
 * A mask shape as tfjs types it (`number[]`, so no `null` for the batch):
 * a 1 shares one random draw along that axis.
 */
export const NoiseShape = z
  .array(z.number().int().positive())
  .min(1)
  .optional()
  .describe('shape of the random mask, batch axis first; a 1 shares one draw along that axis (e.g. [1, 1, 64] drops whole features of a [?, 10, 64] input). Empty: every value on its own');

export const DropRate = z.number().min(0).lt(1).describe('fraction of the inputs to drop during training, in [0, 1)');

/**
 * Keeps the input shape, after checking that the mask broadcasts onto it.
 * tfjs checks this only when it trains (the multiply fails, or silently grows
 * the output when the mask has more axes than the input); Layerwire says so at
 * once: every mask size, aligned from the last axis, is 1 or the input's size.
 */
export function maskedShape(input: Shape | undefined, noiseShape: number[] | undefined, label: string): ShapeResult {
  if (!input) return noInput(label);
  if (!noiseShape) return shapes([...input]);
  if (noiseShape.length > input.length) {
    return problem(say(`${label}'s noiseShape ${formatShape(noiseShape)} has more axes than its input ${formatShape(input)}`, `${label} 的 noiseShape ${formatShape(noiseShape)} 的轴数多于其输入 ${formatShape(input)}`), { param: 'noiseShape' });
  }
  const offset = input.length - noiseShape.length;
  for (let i = 0; i < noiseShape.length; i++) {
    const size = noiseShape[i]!;
    const dim = input[offset + i]!;
    if (size !== 1 && typeof dim === 'number' && size !== dim) {
      return problem(
        say(`${label}'s noiseShape ${formatShape(noiseShape)} does not fit its input ${formatShape(input)}: axis ${offset + i} is ${dim}, so the mask needs ${dim} or 1 there, not ${size}`, `${label} 的 noiseShape ${formatShape(noiseShape)} 与其输入 ${formatShape(input)} 不匹配：轴 ${offset + i} 的大小是 ${dim}，所以掩码在该处应为 ${dim} 或 1，而不是 ${size}`),
        { param: 'noiseShape' },
      );
    }
  }
  return shapes([...input]);
}
