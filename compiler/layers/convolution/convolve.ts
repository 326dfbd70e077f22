import type { Dim, Shape } from '../../../schemas/shape';
import { tuple, type Padding } from '../../shapes';
import type { DataFormat } from '../common';
import { problem, shapes, type ShapeResult } from '../definition';
import { channelAxis, product, slideWindow, valuesPerSample } from './spatial';
import { say } from '../../diagnostics';

export interface ConvolutionSpec {
  /** Number of spatial axes: 1, 2 or 3. */
  rank: number;
  kernelSize: number | number[];
  strides: number | number[];
  dilationRate: number | number[];
  padding: Padding;
  dataFormat: DataFormat;
  /** Output channels given the (known) input channels: `filters`, or `inChannels × depthMultiplier`. */
  outChannels: (inChannels: number) => number;
}

/** The input's channel count, which every convolution needs to size its kernel. */
export function inputChannels(input: Shape, dataFormat: DataFormat): Dim {
  return input[channelAxis(input.length, dataFormat)]!;
}

/**
 * Output shape of a (regular, separable or depthwise) convolution, with the
 * checks they share: tfjs fails at run time when both strides and dilation
 * exceed 1, needs the channel count to build its kernel, and returns a zero
 * or negative size for a kernel larger than a "valid"-padded input.
 */
export function convolve(input: Shape, spec: ConvolutionSpec, label: string): ShapeResult {
  const strides = tuple(spec.strides, spec.rank);
  const dilation = tuple(spec.dilationRate, spec.rank);
  if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
    return problem(say(`${label} cannot have both strides > 1 and dilationRate > 1 (tfjs fails when it runs); set one of them to 1`, `${label} 不能同时设置 strides > 1 和 dilationRate > 1（tfjs 运行时会出错）；请把其中一个设为 1`), { param: 'dilationRate' });
  }
  const channels = inputChannels(input, spec.dataFormat);
  if (typeof channels !== 'number') {
    return problem(
      say(`${label} needs to know how many channels its input has, but the channel axis is ${channels === null ? 'unknown' : `"${channels}"`}; give the input a fixed channel count`, `${label} 需要知道输入的通道数，但通道轴是${channels === null ? '未知的' : ` \"${channels}\"`}；请为输入指定固定的通道数`),
      { port: 'in' },
    );
  }
  const result = slideWindow(
    input,
    {
      window: tuple(spec.kernelSize, spec.rank),
      strides,
      dilation,
      padding: spec.padding,
      dataFormat: spec.dataFormat,
      channels: spec.outChannels(channels),
      windowName: 'kernel',
      windowParam: 'kernelSize',
    },
    label,
  );
  return 'problems' in result ? result : shapes(result.shape);
}

/** FLOPs of a dense convolution: each output value sums `kernel × inChannels` products (a multiply-add is 2), plus its bias. */
export function convolutionFlops(output: Shape, inChannels: number, kernel: number[], useBias: boolean): number {
  return valuesPerSample(output) * (2 * inChannels * product(kernel) + (useBias ? 1 : 0));
}
