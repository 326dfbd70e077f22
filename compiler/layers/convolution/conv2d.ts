import { z } from 'zod';
import { Activation, UseBias } from '../common';
import { defineLayer } from '../definition';
import { tuple } from '../../shapes';
import { BiasInitializer, ConvDataFormat, ConvPadding, dilationRate, Filters, KernelInitializer, kernelSize, strides } from './conv-fields';
import { convolutionFlops, convolve, inputChannels } from './convolve';
import { addChannelsAxis } from './spatial';

export const Conv2D = defineLayer({
  kind: 'Conv2D',
  category: 'Convolution',
  help: 'Slides learned filters over an image: [batch, height, width, channels] → [batch, newHeight, newWidth, filters].',
  params: z.strictObject({
    filters: Filters,
    kernelSize: kernelSize(2),
    strides: strides(2),
    padding: ConvPadding,
    dataFormat: ConvDataFormat,
    dilationRate: dilationRate(2),
    activation: Activation.default('linear'),
    useBias: UseBias,
    kernelInitializer: KernelInitializer.default('glorotNormal').describe('how the kernel starts (tfjs default: glorotNormal)'),
    biasInitializer: BiasInitializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4, fixForRank: addChannelsAxis(4) }] },
  inferShape: ({ inputs: [input], params, label }) => convolve(input!, { rank: 2, ...params, outChannels: () => params.filters }, label),
  weights: ({ inputs: [input], params }) => [
    { name: 'kernel', shape: [...tuple(params.kernelSize, 2), inputChannels(input!, params.dataFormat), params.filters], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [params.filters], trainable: true }] : []),
  ],
  flops: ({ inputs: [input], outputs: [output], params }) =>
    convolutionFlops(output!, Number(inputChannels(input!, params.dataFormat)), tuple(params.kernelSize, 2), params.useBias),
  tfjs: {
    factory: 'conv2d',
    config: (p) => ({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      dataFormat: p.dataFormat,
      dilationRate: p.dilationRate,
      activation: p.activation,
      useBias: p.useBias,
      kernelInitializer: p.kernelInitializer,
      biasInitializer: p.biasInitializer,
    }),
  },
});
