import { z } from 'zod';
import { Activation, DataFormat, Initializer, Padding, PositiveInt, SizeTuple, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { knownProduct, tuple } from '../../shapes';
import { channelAxis, slideWindow } from './spatial';

export const Conv2D = defineLayer({
  kind: 'Conv2D',
  category: 'Convolution',
  help: 'Slides learned filters over an image: [batch, height, width, channels] → [batch, newHeight, newWidth, filters].',
  params: z.strictObject({
    filters: PositiveInt.describe('number of output channels'),
    kernelSize: SizeTuple(2).describe('height and width of each filter, e.g. 3 or [3, 3]'),
    strides: SizeTuple(2).default(1).describe('step between filter positions'),
    padding: Padding.default('valid'),
    dataFormat: DataFormat.default('channelsLast'),
    dilationRate: SizeTuple(2).default(1).describe('spacing between filter taps; >1 widens the view without more weights'),
    activation: Activation.default('linear'),
    useBias: UseBias,
    kernelInitializer: Initializer.default('glorotUniform'),
    biasInitializer: Initializer.default('zeros'),
  }),
  inputs: {
    kind: 'fixed',
    ports: [
      {
        name: 'in',
        rank: 4,
        fixForRank: (shape) => (shape.length === 3 ? { kind: 'insert-node', title: 'Insert Reshape to add a channels axis', type: 'Reshape', params: { targetShape: [...shape.slice(1), 1] } } : undefined),
      },
    ],
  },
  inferShape: ({ inputs: [input], params, label }) => {
    const strides = tuple(params.strides, 2);
    const dilation = tuple(params.dilationRate, 2);
    if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
      return problem(`${label} cannot have both strides > 1 and dilationRate > 1 (tfjs refuses it)`, { param: 'dilationRate' });
    }
    const channels = input![channelAxis(4, params.dataFormat)];
    if (typeof channels !== 'number') {
      return problem(`${label} needs to know how many channels its input has, but the channel axis is ${channels === null ? 'unknown' : `"${channels}"`}`, { port: 'in' });
    }
    const result = slideWindow(input!, {
      window: tuple(params.kernelSize, 2),
      strides,
      dilation,
      padding: params.padding,
      dataFormat: params.dataFormat,
      channels: params.filters,
      windowName: 'kernel',
      windowParam: 'kernelSize',
    }, label);
    return 'problems' in result ? result : shapes(result.shape);
  },
  weights: ({ inputs: [input], params }) => [
    { name: 'kernel', shape: [...tuple(params.kernelSize, 2), input![channelAxis(4, params.dataFormat)]!, params.filters], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [params.filters], trainable: true }] : []),
  ],
  flops: ({ inputs: [input], outputs: [output], params }) => {
    const inChannels = Number(input![channelAxis(4, params.dataFormat)]);
    const positions = knownProduct(output!.slice(1)) ?? 0;
    const perOutput = 2 * inChannels * tuple(params.kernelSize, 2).reduce((a, b) => a * b, 1) + (params.useBias ? 1 : 0);
    return positions * perOutput;
  },
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
