import { z } from 'zod';
import { Activation, PositiveInt, SizeTuple, UseBias } from '../common';
import { defineLayer, problem } from '../definition';
import { tuple } from '../../shapes';
import { BiasInitializer, ConvDataFormat, ConvPadding, KernelInitializer, kernelSize, strides } from './conv-fields';
import { convolve, inputChannels } from './convolve';
import { addChannelsAxis, product, valuesPerSample } from './spatial';
import { say } from '../../diagnostics';

export const DepthwiseConv2D = defineLayer({
  kind: 'DepthwiseConv2D',
  category: 'Convolution',
  help: 'Filters each input channel on its own, without mixing channels: [batch, height, width, channels] → [batch, newHeight, newWidth, channels × depthMultiplier].',
  params: z.strictObject({
    kernelSize: kernelSize(2),
    strides: strides(2),
    padding: ConvPadding,
    dataFormat: ConvDataFormat,
    dilationRate: SizeTuple(2).default(1).describe('spacing between filter taps; tfjs-layers supports only 1 here'),
    depthMultiplier: PositiveInt.default(1).describe('filters per input channel; the output has channels × depthMultiplier channels'),
    activation: Activation.default('linear'),
    useBias: UseBias,
    depthwiseInitializer: KernelInitializer.default('glorotNormal').describe('how the depthwise kernel starts (tfjs default: glorotNormal)'),
    biasInitializer: BiasInitializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4, fixForRank: addChannelsAxis(4) }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (tuple(params.dilationRate, 2).some((d) => d !== 1)) {
      return problem(say(`${label} has dilationRate > 1, which tfjs-layers' DepthwiseConv2D silently ignores; set it to 1`, `${label} 的 dilationRate 大于 1，但 tfjs-layers 的 DepthwiseConv2D 会静默忽略它；请设为 1`), { param: 'dilationRate' });
    }
    return convolve(input!, { rank: 2, ...params, outChannels: (channels) => channels * params.depthMultiplier }, label);
  },
  weights: ({ inputs: [input], params }) => {
    const channels = inputChannels(input!, params.dataFormat);
    return [
      { name: 'depthwise_kernel', shape: [...tuple(params.kernelSize, 2), channels, params.depthMultiplier], trainable: true },
      ...(params.useBias ? [{ name: 'bias', shape: [Number(channels) * params.depthMultiplier], trainable: true }] : []),
    ];
  },
  /** Each output value sums kernel-size products (a multiply-add is 2), plus its bias. */
  flops: ({ outputs: [output], params }) => valuesPerSample(output!) * (2 * product(tuple(params.kernelSize, 2)) + (params.useBias ? 1 : 0)),
  tfjs: {
    factory: 'depthwiseConv2d',
    // dilationRate is left out: tfjs ignores it and the check only lets 1 through.
    config: (p) => ({
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      dataFormat: p.dataFormat,
      depthMultiplier: p.depthMultiplier,
      activation: p.activation,
      useBias: p.useBias,
      depthwiseInitializer: p.depthwiseInitializer,
      biasInitializer: p.biasInitializer,
    }),
  },
});
