import type { Dim } from '../../../schemas/shape';
import { formatShape } from '../../shapes';
import { say, type Text } from '../../diagnostics';

/**
 * Why an initializer cannot fill a weight of this shape, or undefined when it
 * can. tfjs throws when it builds the layer: `identity` makes only square
 * matrices and `orthogonal` needs at least two axes.
 */
export function initializerMismatch(initializer: string, shape: readonly Dim[]): Text | undefined {
  if (initializer === 'identity' && !(shape.length === 2 && shape[0] === shape[1])) {
    return say(`the identity initializer makes only square matrices, but this weight has shape ${formatShape(shape)}`, `identity 初始化器只能生成方阵，但该权重的形状为 ${formatShape(shape)}`);
  }
  if (initializer === 'orthogonal' && shape.length < 2) {
    return say(`the orthogonal initializer needs a weight with at least 2 axes, but this weight has shape ${formatShape(shape)}`, `orthogonal 初始化器要求权重至少有 2 个轴，但该权重的形状为 ${formatShape(shape)}`);
  }
  return undefined;
}
