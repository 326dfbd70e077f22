import type { Dim } from '../schemas/shape';

/** `[?, 62, 62, 32]`, symbols by name: how shapes read everywhere in Layerwire. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map(formatDim).join(', ')}]`;
}

export function formatDim(dim: Dim): string {
  return dim === null ? '?' : String(dim);
}

export const isKnown = (dim: Dim): dim is number => typeof dim === 'number';

/** What tfjs is given: named symbols become `null`. */
export function toTfjsShape(shape: readonly Dim[]): (number | null)[] {
  return shape.map((d) => (typeof d === 'number' ? d : null));
}

/** Product of the dims, or `null` if any is unknown or symbolic. */
export function knownProduct(dims: readonly Dim[]): number | null {
  let product = 1;
  for (const d of dims) {
    if (!isKnown(d)) return null;
    product *= d;
  }
  return product;
}

/** Product of dims treating unknowns as 1: for per-sample counts where the batch is unknown. */
export function productOfKnown(dims: readonly Dim[]): number {
  let product = 1;
  for (const d of dims) if (isKnown(d)) product *= d;
  return product;
}

export type Padding = 'valid' | 'same' | 'causal';

/**
 * Output length of a convolution or pooling along one axis, as tfjs's
 * `convOutputLength` computes it; unknown and symbolic lengths stay unknown,
 * except that a stride-1 `same` convolution keeps a symbol.
 */
export function convOutputLength(input: Dim, filterSize: number, padding: Padding, stride: number, dilation = 1): Dim {
  if (!isKnown(input)) return stride === 1 && (padding === 'same' || padding === 'causal') ? input : null;
  const dilatedFilter = filterSize + (filterSize - 1) * (dilation - 1);
  const length = padding === 'valid' ? input - dilatedFilter + 1 : input;
  return Math.floor((length + stride - 1) / stride);
}

/** Output length of a transposed convolution (tfjs's `deconvLength`). */
export function deconvLength(input: Dim, stride: number, kernelSize: number, padding: Padding): Dim {
  if (!isKnown(input)) return null;
  if (padding === 'valid') return input * stride + Math.max(kernelSize - stride, 0);
  return input * stride;
}

/** `n` or `[a, b]` → a tuple of `rank` numbers, the way tfjs normalizes kernelSize and strides. */
export function tuple(value: number | readonly number[], rank: number): number[] {
  if (typeof value === 'number') return Array.from({ length: rank }, () => value);
  return [...value];
}
