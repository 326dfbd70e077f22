import type { Dim, Shape } from '../../../schemas/shape';
import { problem, shapes, type ShapeResult } from '../definition';
import { knownProduct } from '../../shapes';

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
  return problem(`${label} has no input on '${port}', so its output shape is unknown`, { port });
}

/** Values in one sample (all axes but the batch), or NaN when a size is unknown: the FLOPs then read as unknown. */
export function valuesPerSample(shape: readonly Dim[] | undefined): number {
  return shape ? knownProduct(shape.slice(1)) ?? NaN : NaN;
}

/** `"timesteps"` or `unknown`: how messages name a dimension that is not a number. */
export function describeUnknown(dim: Dim | undefined): string {
  return typeof dim === 'string' ? `"${dim}"` : 'unknown';
}

