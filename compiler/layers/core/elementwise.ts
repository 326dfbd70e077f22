import type { Dim, Shape } from '../../../schemas/shape';
import { problem, shapes, type ShapeResult } from '../definition';
import { knownProduct } from '../../shapes';
import { say } from '../../diagnostics';

/**
 * Shared pieces of the layers that act on each value on its own and keep the
 * shape (activations, noise and dropout layers, Rescaling): the output is the
 * input, named symbols included.
 */
export function sameShapeAsInput({ inputs: [input], label }: { inputs: Shape[]; label: string }): ShapeResult {
  return input ? shapes([...input]) : noInput(label);
}

/**
 * What a shape function answers when the checker calls it without an input
 * (the port is not connected; resolve reports that): no shapes, so nothing
 * downstream is inferred from a guess.
 */
export function noInput(label: string, port = 'in'): ShapeResult {
  return problem(say(`${label} has no input on '${port}', so its output shape is unknown`, `${label} 的 '${port}' 没有输入，因此输出形状未知`), { port });
}

/** Values in one sample (all axes but the batch), or NaN when a size is unknown: the FLOPs then read as unknown. */
export function valuesPerSample(shape: readonly Dim[] | undefined): number {
  return shape ? knownProduct(shape.slice(1)) ?? NaN : NaN;
}

/** `"timesteps"` or `unknown`: how messages name a dimension that is not a number. */
export function describeUnknown(dim: Dim | undefined): string {
  return typeof dim === 'string' ? `"${dim}"` : 'unknown';
}

/** ` "timesteps"` or `未知的`: the same in Chinese, written to follow 是 directly. */
export function describeUnknownZh(dim: Dim | undefined): string {
  return typeof dim === 'string' ? ` "${dim}"` : '未知的';
}

