import { z } from 'zod';
import { Activation, PositiveInt, UseBias } from '../common';
import { defineLayer, paramsAsConfig } from '../definition';
import { tuple } from '../../shapes';
import { BiasInitializer, ConvDataFormat, ConvPadding, dilationRate, Filters, KernelInitializer, kernelSize, strides } from './conv-fields';
import { convolve, inputChannels } from './convolve';
import { addChannelsAxis, product, valuesPerSample } from './spatial';

export const SeparableConv2D = defineLayer({
  kind: 'SeparableConv2D',
  category: 'Convolution',
  help: 'A cheaper Conv2D: filters each input channel on its own (depthwise), then mixes channels with 1×1 filters (pointwise).',
  params: z.strictObject({
    filters: Filters,
    kernelSize: kernelSize(2),
    strides: strides(2),
    padding: ConvPadding,
    dataFormat: ConvDataFormat,
    dilationRate: dilationRate(2),
    depthMultiplier: PositiveInt.default(1).describe('depthwise filters per input channel'),
    activation: Activation.default('linear'),
    useBias: UseBias,
    depthwiseInitializer: KernelInitializer.default('glorotUniform').describe('how the depthwise kernel starts'),
    pointwiseInitializer: KernelInitializer.default('glorotUniform').describe('how the pointwise kernel starts (tfjs-layers uses depthwiseInitializer instead)'),
    biasInitializer: BiasInitializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 4, fixForRank: addChannelsAxis(4) }] },
  inferShape: ({ inputs: [input], params, label }) => {
    if (params.dataFormat === 'channelsFirst' && params.useBias && params.filters > 1) {
      return {
        problems: [
          {
            message: `${label} cannot run in tfjs-layers with dataFormat "channelsFirst", a bias and more than one filter (it adds the bias along the wrong axis); use "channelsLast" or set useBias to false`,
        messageZh: `${label} 在 dataFormat 为 \"channelsFirst\"、带偏置且 filters 大于 1 时无法在 tfjs-layers 中运行（偏置会加到错误的轴上）；请使用 \"channelsLast\"，或把 useBias 设为 false`,
            param: 'dataFormat',
          },
        ],
      };
    }
    const result = convolve(input!, { rank: 2, ...params, outChannels: () => params.filters }, label);
    if ('problems' in result || params.pointwiseInitializer === params.depthwiseInitializer) return result;
    return {
      ...result,
      warnings: [
        {
          message: `${label}'s pointwiseInitializer "${params.pointwiseInitializer}" has no effect: tfjs-layers starts the pointwise kernel with depthwiseInitializer ("${params.depthwiseInitializer}")`,
        messageZh: `${label} 的 pointwiseInitializer \"${params.pointwiseInitializer}\" 不起作用：tfjs-layers 用 depthwiseInitializer（\"${params.depthwiseInitializer}\"）来初始化逐点卷积核`,
          param: 'pointwiseInitializer',
        },
      ],
    };
  },
  weights: ({ inputs: [input], params }) => {
    const channels = inputChannels(input!, params.dataFormat);
    return [
      { name: 'depthwise_kernel', shape: [...tuple(params.kernelSize, 2), channels, params.depthMultiplier], trainable: true },
      { name: 'pointwise_kernel', shape: [1, 1, Number(channels) * params.depthMultiplier, params.filters], trainable: true },
      ...(params.useBias ? [{ name: 'bias', shape: [params.filters], trainable: true }] : []),
    ];
  },
  /** Depthwise: kernel-size multiply-adds per intermediate value; pointwise: one per intermediate channel per output value; plus the bias. */
  flops: ({ inputs: [input], outputs: [output], params }) => {
    const positions = valuesPerSample(output!) / params.filters;
    const intermediate = Number(inputChannels(input!, params.dataFormat)) * params.depthMultiplier;
    const depthwise = 2 * positions * intermediate * product(tuple(params.kernelSize, 2));
    const pointwise = 2 * positions * intermediate * params.filters;
    return depthwise + pointwise + (params.useBias ? positions * params.filters : 0);
  },
  tfjs: {
    factory: 'separableConv2d',
    config: paramsAsConfig,
  },
});
