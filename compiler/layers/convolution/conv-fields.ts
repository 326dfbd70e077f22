import { DataFormat, Initializer, Padding, PositiveInt, SizeTuple } from '../common';
import { AXES_IN_WORDS } from './spatial';

/**
 * Parameter fields the convolution kinds share, named and defaulted as in
 * tfjs-layers' `BaseConvLayerArgs`. Each kind spreads the ones it has into its
 * own `z.strictObject`.
 */

export const Filters = PositiveInt.describe('number of output channels (filters)');

export const kernelSize = (rank: number) =>
  SizeTuple(rank).describe(`${AXES_IN_WORDS[rank]} of each filter: one number for every axis, or one per axis`);

export const strides = (rank: number) =>
  SizeTuple(rank).default(1).describe('step between filter positions along each axis; >1 shrinks the output');

export const dilationRate = (rank: number) =>
  SizeTuple(rank).default(1).describe('spacing between filter taps; >1 widens the view without more weights (needs strides 1)');

export const ConvPadding = Padding.default('valid');
export const ConvDataFormat = DataFormat.default('channelsLast');

/** Initializers tfjs can apply to a kernel of rank 3 or more: `identity` needs a square matrix. */
export const KernelInitializer = Initializer.exclude(['identity']);

/** Initializers tfjs can apply to a rank-1 bias: `orthogonal` and `identity` need a matrix. */
export const BiasInitializer = Initializer.exclude(['identity', 'orthogonal']);
