import type { Shape } from '../../../schemas/shape';
import { Padding, SizeTuple, type DataFormat } from '../common';
import { shapes, type ShapeResult } from '../definition';
import { tuple, type Padding as PaddingMode } from '../../shapes';
import { AXES_IN_WORDS, product, slideWindow, valuesPerSample } from '../convolution/spatial';

/** Parameter fields the window-pooling kinds share, named and defaulted as tfjs-layers' `Pooling*DLayerArgs`. */
export const poolSize = (rank: number) =>
  SizeTuple(rank).default(2).describe(`window ${AXES_IN_WORDS[rank]}: one number for every axis, or one per axis`);

export const poolStrides = (rank: number) =>
  SizeTuple(rank).optional().describe('step between windows along each axis; defaults to poolSize');

export const PoolPadding = Padding.default('valid');

export interface PoolSpec {
  rank: number;
  poolSize: number | number[];
  strides?: number | number[];
  padding: PaddingMode;
  dataFormat: DataFormat;
}

/** Output shape of a window pooling: the channels stay, each spatial axis shrinks as tfjs's `convOutputLength`. */
export function poolWindow(input: Shape, spec: PoolSpec, label: string): ShapeResult {
  const pool = tuple(spec.poolSize, spec.rank);
  const result = slideWindow(
    input,
    {
      window: pool,
      strides: spec.strides === undefined ? pool : tuple(spec.strides, spec.rank),
      padding: spec.padding,
      dataFormat: spec.dataFormat,
      windowName: 'pool',
      windowParam: 'poolSize',
    },
    label,
  );
  return 'problems' in result ? result : shapes(result.shape);
}

/** One comparison (max) or addition (average) per window element per output value. */
export const poolFlops = (output: Shape, spec: Pick<PoolSpec, 'rank' | 'poolSize'>): number =>
  valuesPerSample(output) * product(tuple(spec.poolSize, spec.rank));
