import type { Shape } from '../../../schemas/shape';
import type { DataFormat } from '../common';
import { shapes, type ShapeResult } from '../definition';
import { channelAxis, valuesPerSample } from '../convolution/spatial';

/** A global pooling keeps the batch and channels and reduces every spatial axis to one value. */
export const globalPool = (input: Shape, dataFormat: DataFormat): ShapeResult =>
  shapes([input[0]!, input[channelAxis(input.length, dataFormat)]!]);

/** One comparison (max) or addition (average) per input value. */
export const globalPoolFlops = (input: Shape): number => valuesPerSample(input);
