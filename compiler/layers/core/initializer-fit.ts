import type { Dim } from '../../../schemas/shape';
import { formatShape } from '../../shapes';

/**
 * Why an initializer cannot fill a weight of this shape, or undefined when it
 * can. tfjs throws when it builds the layer: `identity` makes only square
 * matrices and `orthogonal` needs at least two axes.
 */
export function initializerMismatch(initializer: string, shape: readonly Dim[]): string | undefined {
  if (initializer === 'identity' && !(shape.length === 2 && shape[0] === shape[1])) {
    return `the identity initializer makes only square matrices, but this weight has shape ${formatShape(shape)}`;
  }
  if (initializer === 'orthogonal' && shape.length < 2) {
    return `the orthogonal initializer needs a weight with at least 2 axes, but this weight has shape ${formatShape(shape)}`;
  }
  return undefined;
}
