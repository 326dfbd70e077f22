import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { Activation, SizeTuple, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { deconvLength, isKnown, knownProduct, tuple } from '../../shapes';
import { BiasInitializer, ConvDataFormat, ConvPadding, Filters, KernelInitializer, kernelSize, strides } from './conv-fields';
import { inputChannels } from './convolve';
import { addChannelsAxis, channelAxis, product, spatialAxes, valuesPerSample } from './spatial';
import { say } from '../../diagnostics';

/** tfjs's `deconvLength`, keeping a symbol where stride 1 leaves the length unchanged. */
function transposedLength(input: Dim, stride: number, kernel: number, padding: 'valid' | 'same'): Dim {
  if (!isKnown(input) && stride === 1 && (padding === 'same' || kernel === 1)) return input;
  return deconvLength(input, stride, kernel, padding);
}

export const Conv2DTranspose = defineLayer({
  kind: 'Conv2DTranspose',
  category: 'Convolution',
  help: 'Learned upsampling, the reverse of a strided Conv2D: [batch, height, width, channels] → [batch, height × strides, width × strides, filters].',
  params: z.strictObject({
    filters: Filters,
    kernelSize: kernelSize(2),
    strides: strides(2).describe('upsampling factor along each axis: the output is about strides × the input'),
    padding: ConvPadding,
    dataFormat: ConvDataFormat,
    dilationRate: SizeTuple(2).default(1).describe('spacing between filter taps; tfjs-layers supports only 1 here'),
    activation: Activation.default('linear'),
    useBias: UseBias,
    kernelInitializer: KernelInitializer.default('glorotNormal').describe('how the kernel starts (tfjs default: glorotNormal)'),
    biasInitializer: BiasInitializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4, fixForRank: addChannelsAxis(4) }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (tuple(params.dilationRate, 2).some((d) => d !== 1)) {
      return problem(say(`${label} has dilationRate > 1, which tfjs-layers' Conv2DTranspose silently ignores; set it to 1`, `${label} 的 dilationRate 大于 1，但 tfjs-layers 的 Conv2DTranspose 会静默忽略它；请设为 1`), { param: 'dilationRate' });
    }
    const channels = inputChannels(input!, params.dataFormat);
    if (!isKnown(channels)) {
      return problem(
        say(`${label} needs to know how many channels its input has, but the channel axis is ${channels === null ? 'unknown' : `"${channels}"`}; give the input a fixed channel count`, `${label} 需要知道输入的通道数，但通道轴是${channels === null ? '未知的' : ` \"${channels}\"`}；请为输入指定固定的通道数`),
        { port: 'in' },
      );
    }
    const kernel = tuple(params.kernelSize, 2);
    const stride = tuple(params.strides, 2);
    const output = [...input!];
    spatialAxes(4, params.dataFormat).forEach((axis, i) => {
      output[axis] = transposedLength(input![axis]!, stride[i]!, kernel[i]!, params.padding);
    });
    output[channelAxis(4, params.dataFormat)] = params.filters;
    return shapes(output);
  },
  weights: ({ inputs: [input], params }) => [
    // tfjs's layout for a transposed kernel: output channels before input channels.
    { name: 'kernel', shape: [...tuple(params.kernelSize, 2), params.filters, inputChannels(input!, params.dataFormat)], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [params.filters], trainable: true }] : []),
  ],
  /** Every input value is multiplied into a kernel × filters patch (a multiply-add each), plus a bias per output value. */
  flops: ({ inputs: [input], outputs: [output], params }) => {
    const inputPositions = knownProduct(spatialAxes(4, params.dataFormat).map((a) => input![a]!)) ?? NaN;
    const channels = Number(inputChannels(input!, params.dataFormat));
    return 2 * inputPositions * channels * product(tuple(params.kernelSize, 2)) * params.filters + (params.useBias ? valuesPerSample(output!) : 0);
  },
  tfjs: {
    factory: 'conv2dTranspose',
    // dilationRate is left out: tfjs ignores it and the check only lets 1 through.
    config: (p) => ({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      dataFormat: p.dataFormat,
      activation: p.activation,
      useBias: p.useBias,
      kernelInitializer: p.kernelInitializer,
      biasInitializer: p.biasInitializer,
    }),
  },
});
