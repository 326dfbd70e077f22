import type { Dim, Shape } from '../../../schemas/shape';
import { convOutputLength, isKnown, knownProduct, type Padding } from '../../shapes';
import type { DataFormat } from '../common';
import type { InputPort, ShapeProblem } from '../definition';

/** Indices of the spatial axes of a `[batch, …]` shape for the given data format. */
export function spatialAxes(rank: number, dataFormat: DataFormat): number[] {
  const count = rank - 2;
  const first = dataFormat === 'channelsLast' ? 1 : 2;
  return Array.from({ length: count }, (_, i) => first + i);
}

export function channelAxis(rank: number, dataFormat: DataFormat): number {
  return dataFormat === 'channelsLast' ? rank - 1 : 1;
}

/** How the spatial axes are called in help and messages, by their number. */
export const AXES_IN_WORDS: Record<number, string> = { 1: 'length', 2: 'height and width', 3: 'depth, height and width' };

export const product = (values: readonly number[]): number => values.reduce((a, b) => a * b, 1);

/** The window a kernel of `size` taps spans with `dilation` spacing. */
export const dilatedSize = (size: number, dilation = 1): number => size + (size - 1) * (dilation - 1);

/**
 * Output length of a sliding window along one axis, as tfjs computes it, except
 * that an unknown or symbolic length that passes through unchanged (stride 1 and
 * "same" padding, or a window of one) keeps its name.
 */
export function windowOutputLength(input: Dim, window: number, padding: Padding, stride: number, dilation = 1): Dim {
  if (!isKnown(input) && stride === 1 && (padding !== 'valid' || dilatedSize(window, dilation) === 1)) return input;
  return convOutputLength(input, window, padding, stride, dilation);
}

/** Values per sample of a `[batch, …]` shape, `NaN` (reported as unknown) where a dim is not known. */
export const valuesPerSample = (shape: Shape): number => knownProduct(shape.slice(1)) ?? NaN;

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
  const effective = spec.window.map((w, i) => dilatedSize(w, spec.dilation?.[i]));
  const tooBig = axes.some((a, i) => spec.padding === 'valid' && isKnown(input[a]!) && effective[i]! > (input[a] as number));
  if (tooBig) {
    return {
      problems: [
        {
          message: `${label}'s ${spec.windowName} ${times(effective)} is larger than its ${times(spatialIn)} input with padding "valid"; use a smaller ${spec.windowName} or padding "same"`,
        messageZh: `${label} 的${spec.windowName === 'kernel' ? '卷积核' : '池化窗口'} ${times(effective)} 大于其 ${times(spatialIn)} 的输入（padding 为 \"valid\"）；请使用更小的 ${spec.windowParam}，或把 padding 设为 \"same\"`,
          param: spec.windowParam,
        },
      ],
    };
  }
  axes.forEach((axis, i) => {
    output[axis] = windowOutputLength(input[axis]!, spec.window[i]!, spec.padding, spec.strides[i]!, spec.dilation?.[i] ?? 1);
  });
  if (spec.channels !== undefined) output[channelAxis(input.length, spec.dataFormat)] = spec.channels;
  return { shape: output };
}

/**
 * The repair for an input that lacks its channels axis (`[batch, h, w]` into a
 * 2-D layer): a Reshape that appends an axis of 1. Offered where Reshape can
 * express it, i.e. at most one dim is unknown (it becomes -1).
 */
export const addChannelsAxis =
  (rank: number): InputPort['fixForRank'] =>
  (shape) => {
    const dims = shape.slice(1);
    if (shape.length !== rank - 1 || dims.filter((d) => !isKnown(d)).length > 1) return undefined;
    return {
      kind: 'insert-node',
      title: 'Insert Reshape to add a channels axis',
        titleZh: '插入 Reshape 以添加通道轴',
      type: 'Reshape',
      params: { targetShape: [...dims.map((d) => (isKnown(d) ? d : -1)), 1] },
    };
  };
