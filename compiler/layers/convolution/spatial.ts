import type { Dim, Shape } from '../../../schemas/shape';
import { convOutputLength, isKnown, type Padding } from '../../shapes';
import type { DataFormat } from '../common';
import type { ShapeProblem } from '../definition';

/** Indices of the spatial axes of a `[batch, …]` shape for the given data format. */
export function spatialAxes(rank: number, dataFormat: DataFormat): number[] {
  const count = rank - 2;
  const first = dataFormat === 'channelsLast' ? 1 : 2;
  return Array.from({ length: count }, (_, i) => first + i);
}

export function channelAxis(rank: number, dataFormat: DataFormat): number {
  return dataFormat === 'channelsLast' ? rank - 1 : 1;
}

export interface WindowSpec {
  /** Window size per spatial axis (kernel or pool size). */
  window: number[];
  strides: number[];
  dilation?: number[];
  padding: Padding;
  dataFormat: DataFormat;
  /** New channel count (filters); `undefined` keeps the input's. */
  channels?: Dim;
  /** What the window is called in messages: "kernel" or "pool". */
  windowName: string;
  windowParam: string;
}

const times = (dims: readonly (Dim | number)[]) => dims.map((d) => (d === null ? '?' : String(d))).join('×');

/**
 * Output shape of a sliding window (convolution or pooling) over the spatial
 * axes. Stricter than tfjs: a window larger than its `valid`-padded input is an
 * error here, where tfjs silently produces a zero or negative size.
 */
export function slideWindow(input: Shape, spec: WindowSpec, label: string): { shape: Shape } | { problems: ShapeProblem[] } {
  const axes = spatialAxes(input.length, spec.dataFormat);
  const output = [...input];
  const spatialIn = axes.map((a) => input[a]!);
  const effective = spec.window.map((w, i) => w + (w - 1) * ((spec.dilation?.[i] ?? 1) - 1));
  const tooBig = axes.some((a, i) => spec.padding === 'valid' && isKnown(input[a]!) && effective[i]! > (input[a] as number));
  if (tooBig) {
    return {
      problems: [
        {
          message: `${label}'s ${spec.windowName} ${times(effective)} is larger than its ${times(spatialIn)} input with padding "valid"; use a smaller ${spec.windowName} or padding "same"`,
          param: spec.windowParam,
          fix: undefined,
        },
      ],
    };
  }
  axes.forEach((axis, i) => {
    output[axis] = convOutputLength(input[axis]!, spec.window[i]!, spec.padding, spec.strides[i]!, spec.dilation?.[i] ?? 1);
  });
  if (spec.channels !== undefined) output[channelAxis(input.length, spec.dataFormat)] = spec.channels;
  return { shape: output };
}
